import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { commands } from "../bindings/commands";
import { northwind } from "../testdata";
import FirstLaunch from "./FirstLaunch.svelte";

vi.mock("../bindings/commands", () => ({
  commands: { openDemo: vi.fn(), createSummit: vi.fn(), updateSummit: vi.fn() },
}));

const mocked = vi.mocked(commands);

describe("FirstLaunch", () => {
  it("offers to create a summit or open the demo", () => {
    render(FirstLaunch, { props: { onready: vi.fn(), databasePath: "/tmp/roadie.db" } });
    expect(screen.getByRole("heading", { name: "Welcome to Roadie" })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Create a summit/ }).dataset.action).toBe("create-summit");
    expect(screen.getByRole("button", { name: /Open the demo/ }).dataset.action).toBe("open-demo");
    expect(screen.getByText("/tmp/roadie.db")).toBeTruthy();
  });

  it("opens the demo and hands its summit on", async () => {
    mocked.openDemo.mockResolvedValue(northwind);
    const onready = vi.fn();
    render(FirstLaunch, { props: { onready } });
    await fireEvent.click(screen.getByRole("button", { name: /Open the demo/ }));
    await waitFor(() => expect(onready).toHaveBeenCalledWith(northwind));
  });

  it("creates a summit in the form and hands it on", async () => {
    mocked.createSummit.mockResolvedValue(northwind);
    const onready = vi.fn();
    render(FirstLaunch, { props: { onready } });
    await fireEvent.click(screen.getByRole("button", { name: /Create a summit/ }));
    const dialog = await screen.findByRole("dialog", { name: "New summit" });
    const name = dialog.querySelector<HTMLInputElement>('[name="name"]');
    if (!name) throw new Error("no name input");
    expect(document.activeElement).toBe(name);
    await fireEvent.input(name, { target: { value: "Northwind" } });
    if (!name.form) throw new Error("the input is in no form");
    await fireEvent.submit(name.form);
    await waitFor(() => expect(onready).toHaveBeenCalledWith(northwind));
  });
});
