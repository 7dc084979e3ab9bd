import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SwagItem } from "../bindings/commands";

vi.mock("../bindings/commands", () => ({
  commands: {
    createSwagItem: vi.fn(),
    updateSwagItem: vi.fn(),
  },
}));

const { commands } = await import("../bindings/commands");
const { default: SwagItemForm } = await import("./SwagItemForm.svelte");

const hoodie: SwagItem = {
  id: 3,
  name: "Hoodie",
  description: "Heavy cotton",
  unit_cost: { minor: 3200, currency: "EUR" },
  variants: [{ id: 9, item_id: 3, label: "M", sku: null }],
};

function input(name: string): HTMLInputElement | HTMLTextAreaElement {
  const element = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`form [name="${name}"]`);
  if (!element) throw new Error(`no input named ${name}`);
  return element;
}

function save(): Promise<boolean> {
  const button = document.querySelector<HTMLButtonElement>('[data-action="save"]');
  if (!button) throw new Error("no save button");
  return fireEvent.click(button);
}

beforeEach(() => {
  vi.mocked(commands.createSwagItem).mockReset();
  vi.mocked(commands.updateSwagItem).mockReset();
});

afterEach(() => {
  document.body.replaceChildren();
});

describe("SwagItemForm", () => {
  it("shows the core's error under the field it names and keeps the input", async () => {
    vi.mocked(commands.createSwagItem).mockRejectedValue({ code: "invalid", message: 'name: a swag item named "Hoodie" already exists', field: "name" });
    const onsaved = vi.fn();
    render(SwagItemForm, { props: { item: null, currency: "CHF", onsaved, onclose: vi.fn() } });
    expect(input("currency").value).toBe("CHF");
    await fireEvent.input(input("name"), { target: { value: "Hoodie" } });
    await fireEvent.input(input("unit_cost"), { target: { value: "32.00" } });
    await save();

    await waitFor(() => expect(document.querySelector('[data-error-for="name"]')?.textContent).toBe('a swag item named "Hoodie" already exists'));
    expect(input("name").value).toBe("Hoodie");
    expect(input("name").getAttribute("aria-invalid")).toBe("true");
    expect(input("unit_cost").value).toBe("32.00");
    expect(onsaved).not.toHaveBeenCalled();
    expect(commands.createSwagItem).toHaveBeenCalledWith({ name: "Hoodie", description: null, currency: "CHF", unit_cost: "32.00" });
  });

  it("shows a unit cost error under the unit cost", async () => {
    vi.mocked(commands.createSwagItem).mockRejectedValue({ code: "invalid", message: 'unit_cost: "12.345" has more decimals than EUR allows', field: "unit_cost" });
    render(SwagItemForm, { props: { item: null, currency: "EUR", onsaved: vi.fn(), onclose: vi.fn() } });
    await fireEvent.input(input("name"), { target: { value: "Sticker" } });
    await fireEvent.input(input("unit_cost"), { target: { value: "12.345" } });
    await save();
    await waitFor(() => expect(document.querySelector('[data-error-for="unit_cost"]')).not.toBeNull());
    expect(input("unit_cost").value).toBe("12.345");
  });

  it("edits an item with its cost as exact text", async () => {
    const saved = { ...hoodie, name: "Zip hoodie" };
    vi.mocked(commands.updateSwagItem).mockResolvedValue(saved);
    const onsaved = vi.fn();
    render(SwagItemForm, { props: { item: hoodie, currency: "USD", onsaved, onclose: vi.fn() } });
    expect(screen.getByRole("dialog", { name: "Edit swag item" })).toBeTruthy();
    expect(input("unit_cost").value).toBe("32.00");
    expect(input("currency").value).toBe("EUR");
    expect(input("description").value).toBe("Heavy cotton");
    await fireEvent.input(input("name"), { target: { value: "Zip hoodie" } });
    await save();
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(saved));
    expect(commands.updateSwagItem).toHaveBeenCalledWith(3, { name: "Zip hoodie", description: "Heavy cotton", currency: "EUR", unit_cost: "32.00" });
  });
});
