import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BudgetLine, ExchangeRate, Summit } from "../bindings/commands";
import { shortcuts } from "../lib/shortcuts";

vi.mock("../bindings/commands", () => ({
  commands: {
    listBudgetLines: vi.fn(),
    listRates: vi.fn(),
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
const { default: BudgetScreen } = await import("./BudgetScreen.svelte");

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

function line(id: number, category: BudgetLine["category"], description: string, currency: string, planned: number, spent: number): BudgetLine {
  return {
    id,
    summit_id: 7,
    category,
    description,
    planned: { minor: planned, currency },
    committed: { minor: spent, currency },
    spent: { minor: spent, currency },
    gathering_id: null,
  };
}

const lines: BudgetLine[] = [
  line(1, "socials", "Boat party venue", "EUR", 500_000, 250_000),
  line(2, "socials", "Izakaya dinner", "JPY", 120_000, 130_000),
  line(3, "swag", "T-shirts", "EUR", 90_000, 0),
  line(4, "travel", "Speaker flights", "JPY", 300_000, 0),
];

const rates: ExchangeRate[] = [
  { id: 1, summit_id: 7, from: "JPY", to: "EUR", rate: "0.0061", recorded_on: "2026-11-20", note: "demo rate" },
];

/** The description cell of each rendered body row. */
function descriptions(): string[] {
  const grid = screen.getByRole("grid", { name: "Budget lines" });
  return within(grid)
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("gridcell")[1]?.textContent.trim() ?? "");
}

function root(): HTMLElement {
  const section = document.querySelector<HTMLElement>('[data-screen="budget"]');
  if (!section) throw new Error("no budget screen");
  return section;
}

let stopShortcuts: () => void = () => undefined;

beforeEach(() => {
  vi.mocked(commands.listBudgetLines).mockReset().mockResolvedValue(lines);
  vi.mocked(commands.listRates).mockReset().mockResolvedValue(rates);
  vi.mocked(commands.createBudgetLine).mockReset();
  stopShortcuts = shortcuts.listen(window);
});

afterEach(() => {
  stopShortcuts();
  document.body.replaceChildren();
});

describe("BudgetScreen", () => {
  it("lists the summit's lines and is ready once they are loaded", async () => {
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    expect(root().dataset.ready).toBeUndefined();
    await waitFor(() => expect(root().dataset.ready).toBe("budget"));
    expect(commands.listBudgetLines).toHaveBeenCalledWith({ summit_id: 7 });
    expect(commands.listRates).toHaveBeenCalledWith(7);
    expect(descriptions()).toEqual(["Boat party venue", "Izakaya dinner", "T-shirts", "Speaker flights"]);
    // remaining = planned − spent, per line, overspent in the danger colour
    const izakaya = must(screen.getByText("Izakaya dinner").closest<HTMLElement>('[role="row"]'));
    expect(within(izakaya).getByText(/-¥10,000|¥-10,000|−¥10,000/).classList.contains("overspent")).toBe(true);
  });

  it("totals each category per currency without adding currencies together", async () => {
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("budget"));
    expect(screen.getByTestId("currencies").textContent).toContain("In EUR and JPY");
    const totals = screen.getByRole("table");
    expect(within(totals).getAllByRole("columnheader").map((h) => h.textContent.trim())).toEqual(["Category", "Lines", "EUR", "JPY"]);
    const socials = must(within(totals).getByRole("button", { name: "Socials" }).closest("tr"));
    expect(within(socials).getByText("€5,000.00")).toBeTruthy();
    expect(within(socials).getByText("¥120,000")).toBeTruthy();
    const all = must(within(totals).getByText("All categories").closest("tr"));
    expect(within(all).getByText("€5,900.00")).toBeTruthy();
    expect(within(all).getByText("¥420,000")).toBeTruthy();
    // another amount shown: spent
    await fireEvent.click(within(screen.getByRole("group", { name: "Amount shown" })).getByRole("button", { name: "Spent" }));
    expect(within(all).getByText("€2,500.00")).toBeTruthy();
    expect(within(all).getByText("¥130,000")).toBeTruthy();
    // the rates recorded
    expect(screen.getByText(/1 JPY/).closest("li")?.textContent).toContain("0.0061 EUR");
  });

  it("filters by category from the select and from the totals", async () => {
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("budget"));
    await fireEvent.change(screen.getByLabelText("Category"), { target: { value: "socials" } });
    expect(descriptions()).toEqual(["Boat party venue", "Izakaya dinner"]);
    await fireEvent.click(screen.getByRole("button", { name: "Travel" }));
    expect(descriptions()).toEqual(["Speaker flights"]);
    await fireEvent.click(screen.getByRole("button", { name: "Travel" }));
    expect(descriptions()).toHaveLength(4);
    await fireEvent.input(screen.getByRole("searchbox", { name: "Filter Budget lines" }), { target: { value: "flights" } });
    expect(descriptions()).toEqual(["Speaker flights"]);
  });

  it("adds a line with Mod+N and selects it", async () => {
    const saved = line(5, "shipping", "Pallet to Lyon", "EUR", 40_000, 0);
    vi.mocked(commands.createBudgetLine).mockResolvedValue(saved);
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("budget"));
    expect(document.querySelector('[data-action="new"]')?.getAttribute("title")).toMatch(/New budget line \((Ctrl\+N|⌘N)\)/);
    await fireEvent.keyDown(window, { key: "n", code: "KeyN", ctrlKey: !/mac/i.test(navigator.platform), metaKey: /mac/i.test(navigator.platform) });
    const dialog = await screen.findByRole("dialog", { name: "New budget line" });
    const form = must(dialog.querySelector("form"));
    await fireEvent.input(within(dialog).getByLabelText(/Description/), { target: { value: "Pallet to Lyon" } });
    await fireEvent.input(within(dialog).getByLabelText(/Planned/), { target: { value: "400" } });
    await fireEvent.submit(form);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(descriptions()).toContain("Pallet to Lyon");
    const row = screen.getByText("Pallet to Lyon").closest('[role="row"]');
    expect(row?.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("currencies").textContent).toContain("In EUR and JPY");
    const all = must(within(screen.getByRole("table")).getByText("All categories").closest("tr"));
    expect(within(all).getByText("€6,300.00")).toBeTruthy();
  });

  it("explains that budgets belong to a summit in the standalone context", () => {
    render(BudgetScreen, { props: { summit: null, summits: [summit] } });
    expect(screen.getByText("Budgets belong to a summit")).toBeTruthy();
    expect(root().dataset.ready).toBe("budget");
    expect(commands.listBudgetLines).not.toHaveBeenCalled();
  });

  it("says when the budget could not be loaded", async () => {
    vi.mocked(commands.listBudgetLines).mockRejectedValue({ code: "storage", message: "disk I/O error", field: null });
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    expect((await screen.findByRole("alert")).textContent).toContain("disk I/O error");
    expect(root().dataset.ready).toBe("budget");
  });
});
