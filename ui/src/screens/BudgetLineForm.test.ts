import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BudgetLine, BudgetLineForm as BudgetLineFormData, Summit } from "../bindings/commands";

vi.mock("../bindings/commands", () => ({
  commands: {
    createBudgetLine: vi.fn(),
    updateBudgetLine: vi.fn(),
  },
}));


/** `value`, or a failed test when it is missing. */
function must<T>(value: T | null | undefined, what = "element"): T {
  if (value === null || value === undefined) throw new Error(`no ${what}`);
  return value;
}
const { commands } = await import("../bindings/commands");
const { default: BudgetLineForm } = await import("./BudgetLineForm.svelte");

const summit: Summit = {
  id: 7,
  name: "Northwind Summit",
  slug: "northwind",
  city: "Lyon",
  venue: null,
  tz: "Europe/Paris",
  start_date: "2027-01-05",
  end_date: "2027-01-07",
  currency: "EUR",
  budget: null,
};

const yenLine: BudgetLine = {
  id: 41,
  summit_id: 7,
  category: "travel",
  description: "Speaker flights from Tokyo",
  planned: { minor: 150_000, currency: "JPY" },
  committed: { minor: 1_500, currency: "JPY" },
  spent: { minor: 0, currency: "JPY" },
  gathering_id: 3,
  paid_on: null,
};

function input(name: string): HTMLInputElement | HTMLSelectElement {
  const element = document.querySelector<HTMLInputElement | HTMLSelectElement>(`form [name="${name}"]`);
  if (!element) throw new Error(`no input named ${name}`);
  return element;
}

function saveButton(): HTMLButtonElement {
  const button = document.querySelector<HTMLButtonElement>('[data-action="save"]');
  if (!button) throw new Error("no save button");
  return button;
}

beforeEach(() => {
  vi.mocked(commands.createBudgetLine).mockReset();
  vi.mocked(commands.updateBudgetLine).mockReset();
});

afterEach(() => {
  document.body.replaceChildren();
});

describe("BudgetLineForm", () => {
  it("starts a new line in the summit's currency and the given category", () => {
    render(BudgetLineForm, { props: { summit, line: null, category: "socials", onsaved: vi.fn(), onclose: vi.fn() } });
    expect(screen.getByRole("dialog", { name: "New budget line" })).toBeTruthy();
    expect(input("currency").value).toBe("EUR");
    expect(input("category").value).toBe("socials");
    expect(input("planned").value).toBe("");
    expect(saveButton().type).toBe("submit");
  });

  it("shows the core's error under the field it names and keeps the input", async () => {
    vi.mocked(commands.createBudgetLine).mockRejectedValue({ code: "invalid", message: "planned: must not be negative, got -1250", field: "planned" });
    const onsaved = vi.fn();
    render(BudgetLineForm, { props: { summit, line: null, onsaved, onclose: vi.fn() } });
    await fireEvent.input(input("description"), { target: { value: "Boat party venue" } });
    await fireEvent.input(input("planned"), { target: { value: "-12.50" } });
    await fireEvent.click(saveButton());

    const error = await waitFor(() => {
      const found = document.querySelector('[data-error-for="planned"]');
      if (!found) throw new Error("no error yet");
      return found;
    });
    expect(error.textContent).toBe("must not be negative, got -1250");
    expect(input("planned").getAttribute("aria-invalid")).toBe("true");
    expect(input("planned").value).toBe("-12.50");
    expect(input("description").value).toBe("Boat party venue");
    expect(screen.getByRole("dialog")).toBeTruthy();
    expect(onsaved).not.toHaveBeenCalled();
    expect(commands.createBudgetLine).toHaveBeenCalledWith({
      summit_id: 7,
      category: "other",
      description: "Boat party venue",
      currency: "EUR",
      planned: "-12.50",
      committed: null,
      spent: null,
      gathering_id: null,
      paid_on: null,
    } satisfies BudgetLineFormData);
  });

  it("puts an error without a field at the top of the form", async () => {
    vi.mocked(commands.createBudgetLine).mockRejectedValue({ code: "storage", message: "the database is locked", field: null });
    render(BudgetLineForm, { props: { summit, line: null, onsaved: vi.fn(), onclose: vi.fn() } });
    await fireEvent.input(input("description"), { target: { value: "Stickers" } });
    await fireEvent.input(input("planned"), { target: { value: "40" } });
    await fireEvent.click(saveButton());
    expect((await screen.findByRole("alert")).textContent).toContain("the database is locked");
    expect(input("planned").value).toBe("40");
  });

  it("prefills a yen line exactly and updates it", async () => {
    const saved = { ...yenLine, description: "Flights" };
    vi.mocked(commands.updateBudgetLine).mockResolvedValue(saved);
    const onsaved = vi.fn();
    render(BudgetLineForm, { props: { summit, line: yenLine, onsaved, onclose: vi.fn() } });
    expect(input("currency").value).toBe("JPY");
    expect(input("planned").value).toBe("150000");
    expect(input("committed").value).toBe("1500");
    expect(input("spent").value).toBe("0");
    expect(input("category").value).toBe("travel");
    await fireEvent.input(input("description"), { target: { value: "Flights" } });
    await fireEvent.submit(must(input("description").form));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(saved));
    expect(commands.updateBudgetLine).toHaveBeenCalledWith(41, {
      summit_id: 7,
      category: "travel",
      description: "Flights",
      currency: "JPY",
      planned: "150000",
      committed: "1500",
      spent: "0",
      gathering_id: 3,
      paid_on: null,
    });
  });

  it("records when a line was paid and the social it pays for", async () => {
    const saved = { ...yenLine, id: 42 };
    vi.mocked(commands.createBudgetLine).mockResolvedValue(saved);
    const socials = [
      { gathering_id: 8, title: "Boat party" },
      { gathering_id: 9, title: "Speakers' dinner" },
    ];
    render(BudgetLineForm, { props: { summit, line: null, category: "socials", socials, onsaved: vi.fn(), onclose: vi.fn() } });
    const options = [...(input("summit") as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(["No social", "Boat party", "Speakers' dinner"]);
    await fireEvent.input(input("description"), { target: { value: "Boat hire" } });
    await fireEvent.input(input("planned"), { target: { value: "1000" } });
    await fireEvent.input(input("spent"), { target: { value: "300" } });
    await fireEvent.input(input("paid_on"), { target: { value: "2026-03-15" } });
    await fireEvent.change(input("summit"), { target: { value: "9" } });
    await fireEvent.click(saveButton());
    await waitFor(() => expect(commands.createBudgetLine).toHaveBeenCalled());
    expect(vi.mocked(commands.createBudgetLine).mock.calls[0]?.[0]).toMatchObject({
      category: "socials",
      spent: "300",
      paid_on: "2026-03-15",
      gathering_id: 9,
    });
  });
});
