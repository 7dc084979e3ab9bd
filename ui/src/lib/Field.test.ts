import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Badge from "./Badge.svelte";
import Field from "./Field.svelte";

describe("Field", () => {
  it("labels its input and shows no error by default", () => {
    render(Field, { props: { label: "Name", name: "name", value: "RustConf" } });
    const input = screen.getByLabelText("Name");
    expect(input).toBeInstanceOf(HTMLInputElement);
    expect((input as HTMLInputElement).value).toBe("RustConf");
    expect(input.getAttribute("name")).toBe("name");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(input.getAttribute("aria-describedby")).toBeNull();
  });

  it("ties the error message to the input", () => {
    render(Field, { props: { label: "Slug", error: "The slug is taken", hint: "Lower case and dashes" } });
    const input = screen.getByLabelText("Slug");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["The slug is taken", "Lower case and dashes"]);
  });

  it("marks its error with the field's name, for end-to-end tests", () => {
    render(Field, { props: { label: "Ends", name: "end", error: "ends before it starts" } });
    expect(document.querySelector('[data-error-for="end"]')?.textContent).toBe("ends before it starts");
  });

  it("passes input attributes through and updates its value", async () => {
    render(Field, { props: { label: "Capacity", type: "number", min: 0, required: true } });
    const input = screen.getByLabelText<HTMLInputElement>(/Capacity/);
    expect(input.type).toBe("number");
    expect(input.min).toBe("0");
    expect(input.required).toBe(true);
    await fireEvent.input(input, { target: { value: "12" } });
    expect(input.value).toBe("12");
  });

  it("renders error text as text", () => {
    render(Field, { props: { label: "Name", error: "<b>not bold</b>" } });
    expect(screen.getByText("<b>not bold</b>")).toBeTruthy();
  });
});

describe("Badge", () => {
  it("shows the status word in its tone", () => {
    render(Badge, { props: { status: "in_transit" } });
    const badge = screen.getByText("In transit");
    expect(badge.classList.contains("badge-info")).toBe(true);
    expect(badge.dataset.status).toBe("in_transit");
  });
});
