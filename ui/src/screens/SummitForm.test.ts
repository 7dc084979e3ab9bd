import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type SummitForm as SummitFormData } from "../bindings/commands";
import { northwind } from "../testdata";
import SummitForm from "./SummitForm.svelte";
import { slugify, summitToForm } from "./summit";

vi.mock("../bindings/commands", () => ({
  commands: { createSummit: vi.fn(), updateSummit: vi.fn() },
}));

const mocked = vi.mocked(commands);

function input(name: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no input named ${name}`);
  return el;
}

function formOf(el: HTMLInputElement): HTMLFormElement {
  if (!el.form) throw new Error("the input is in no form");
  return el.form;
}

async function fill(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await fireEvent.input(input(name), { target: { value } });
}

beforeEach(() => {
  mocked.createSummit.mockReset();
  mocked.updateSummit.mockReset();
});

describe("SummitForm", () => {
  it("shows the core's error under the field it names and keeps what was typed", async () => {
    mocked.createSummit.mockRejectedValue({ code: "invalid", message: "the summit ends before it starts", field: "end" });
    const onsaved = vi.fn();
    render(SummitForm, { props: { open: true, onsaved } });
    await fill({ name: "RustFest Zürich", start: "2026-06-14", end: "2026-06-12", city: "Zürich" });
    expect(input("slug").value).toBe("rustfest-zurich");
    await fireEvent.click(screen.getByRole("button", { name: "Create summit" }));

    const error = await waitFor(() => {
      const el = document.querySelector('[data-error-for="end"]');
      if (!el) throw new Error("no error yet");
      return el;
    });
    expect(error.textContent).toBe("the summit ends before it starts");
    expect(input("end").getAttribute("aria-invalid")).toBe("true");
    expect(input("end").getAttribute("aria-describedby")).toContain(error.id);
    // the input stays as typed, the dialog stays open, nothing was saved
    expect(input("name").value).toBe("RustFest Zürich");
    expect(input("end").value).toBe("2026-06-12");
    expect(input("city").value).toBe("Zürich");
    expect(screen.getByRole("dialog", { name: "New summit" })).toBeTruthy();
    expect(onsaved).not.toHaveBeenCalled();
    expect(input("start").getAttribute("aria-invalid")).toBeNull();
  });

  it("shows an error without a field above the form", async () => {
    mocked.createSummit.mockRejectedValue({ code: "storage", message: "the database is read-only", field: null });
    render(SummitForm, { props: { open: true } });
    await fill({ name: "X", start: "2026-06-12", end: "2026-06-12" });
    await fireEvent.submit(formOf(input("name")));
    expect((await screen.findByRole("alert")).textContent).toBe("the database is read-only");
  });

  it("sends the form with defaults, blanks as null, and reports the saved summit", async () => {
    mocked.createSummit.mockResolvedValue(northwind);
    const onsaved = vi.fn();
    render(SummitForm, { props: { open: true, onsaved } });
    expect(input("currency").value).toBe("EUR");
    expect(input("tz").value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(input("tz").getAttribute("list")).toBeTruthy();
    await fill({ name: "Northwind", start: "2027-01-05", end: "2027-01-07", tz: "Europe/Paris", budget: "250000.00", currency: "eur" });
    await fireEvent.submit(formOf(input("name")));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(northwind));
    const sent: SummitFormData = {
      name: "Northwind",
      slug: "northwind",
      city: null,
      venue: null,
      tz: "Europe/Paris",
      start: "2027-01-05",
      end: "2027-01-07",
      currency: "EUR",
      budget: "250000.00",
    };
    expect(mocked.createSummit).toHaveBeenCalledWith(sent);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("edits a summit: prefilled, the slug left alone, saved with update", async () => {
    mocked.updateSummit.mockResolvedValue(northwind);
    render(SummitForm, { props: { open: true, summit: northwind } });
    expect(input("budget").value).toBe("250000.00");
    expect(input("start").value).toBe("2027-01-05");
    await fill({ name: "Northwind 2027" });
    expect(input("slug").value).toBe("northwind");
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(mocked.updateSummit).toHaveBeenCalledWith(1, expect.objectContaining({ name: "Northwind 2027", slug: "northwind" })));
  });

  it("marks the save button for end-to-end tests", () => {
    render(SummitForm, { props: { open: true } });
    const save = document.querySelector<HTMLButtonElement>('[data-action="save"]');
    expect(save?.type).toBe("submit");
    expect(save?.form).toBe(input("name").form);
  });
});

describe("summit helpers", () => {
  it("suggests slugs the core accepts", () => {
    expect(slugify("RustFest Zürich 2026")).toBe("rustfest-zurich-2026");
    expect(slugify("  --Straße & Café!! ")).toBe("strasse-cafe");
    expect(slugify("東京")).toBe("");
    expect(slugify("a".repeat(70))).toHaveLength(64);
  });

  it("turns a summit into its form with exact amounts", () => {
    expect(summitToForm({ ...northwind, budget: { minor: 123, currency: "JPY" }, currency: "JPY" }).budget).toBe("123");
    expect(summitToForm({ ...northwind, budget: { minor: 5, currency: "EUR" } }).budget).toBe("0.05");
    expect(summitToForm({ ...northwind, budget: null }).budget).toBeNull();
  });
});
