import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BudgetEntry, BudgetLine, BudgetSummary, CurrencySums, Figures, Summit } from "../bindings/commands";
import { shortcuts } from "../lib/shortcuts";
import { toasts } from "../lib/toasts.svelte";

vi.mock("../bindings/commands", () => ({
  commands: {
    budgetSummary: vi.fn(),
    budgetEntries: vi.fn(),
    listBudgetLines: vi.fn(),
    createBudgetLine: vi.fn(),
    updateBudgetLine: vi.fn(),
    exportBudget: vi.fn(),
  },
}));

vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn() }));

/** `value`, or a failed test when it is missing. */
function must<T>(value: T | null | undefined, what = "element"): T {
  if (value === null || value === undefined) throw new Error(`no ${what}`);
  return value;
}
const { commands } = await import("../bindings/commands");
const { save } = await import("@tauri-apps/plugin-dialog");
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
  budget: { minor: 1_000_000, currency: "EUR" },
};

function figures(currency: string, planned: number, committed: number, spent: number): Figures {
  const m = (minor: number) => ({ minor, currency });
  return { planned: m(planned), committed: m(committed), spent: m(spent), remaining: m(planned - committed) };
}

function line(id: number, category: BudgetLine["category"], description: string, currency: string, planned: number, spent: number, gathering_id: number | null = null): BudgetLine {
  return {
    id,
    summit_id: 7,
    category,
    description,
    planned: { minor: planned, currency },
    committed: { minor: spent, currency },
    spent: { minor: spent, currency },
    gathering_id,
    paid_on: spent > 0 ? "2026-11-02" : null,
  };
}

const lines: BudgetLine[] = [
  line(1, "socials", "Boat party venue", "EUR", 500_000, 250_000, 11),
  line(2, "socials", "Izakaya dinner", "JPY", 120_000, 130_000, 12),
  line(3, "swag", "T-shirts", "EUR", 90_000, 0),
  line(4, "other", "Insurance", "CHF", 30_000, 30_000),
];

const jpyRate = { id: 1, summit_id: 7, from: "JPY", to: "EUR", rate: "0.0061", recorded_on: "2026-11-20", note: "demo rate" };

function sum(category: CurrencySums["category"], source: CurrencySums["source"], amounts: Figures, converted: Figures | null, rate: CurrencySums["rate"] = null): CurrencySums {
  return { category, source, currency: amounts.planned.currency, records: 1, amounts, rate, converted };
}

const summary: BudgetSummary = {
  summit,
  base: "EUR",
  totals: figures("EUR", 663_200, 333_800, 333_800),
  complete: false,
  categories: [
    { category: "socials", records: 2, figures: figures("EUR", 573_200, 329_300, 329_300), complete: true },
    { category: "swag", records: 1, figures: figures("EUR", 90_000, 0, 0), complete: true },
    { category: "shipping", records: 1, figures: figures("EUR", 0, 4_500, 4_500), complete: true },
    { category: "travel", records: 0, figures: figures("EUR", 0, 0, 0), complete: true },
    { category: "other", records: 1, figures: figures("EUR", 0, 0, 0), complete: false },
  ],
  sums: [
    sum("socials", "lines", figures("EUR", 500_000, 250_000, 250_000), figures("EUR", 500_000, 250_000, 250_000)),
    sum("socials", "lines", figures("JPY", 120_000, 130_000, 130_000), figures("EUR", 73_200, 79_300, 79_300), jpyRate),
    sum("swag", "lines", figures("EUR", 90_000, 0, 0), figures("EUR", 90_000, 0, 0)),
    sum("shipping", "shipments", figures("EUR", 0, 4_500, 4_500), figures("EUR", 0, 4_500, 4_500)),
    sum("other", "lines", figures("CHF", 30_000, 30_000, 30_000), null),
  ],
  rates: [jpyRate],
  missing_rates: ["CHF"],
  socials: [
    {
      gathering_id: 11, title: "Boat party", start_local: "2027-01-05T19:00", tz: "Europe/Paris", status: "confirmed",
      expected_headcount: 200, lines: 1, figures: figures("EUR", 500_000, 250_000, 250_000),
      planned_per_head: { minor: 2_500, currency: "EUR" }, committed_per_head: { minor: 1_250, currency: "EUR" }, missing_rates: [],
    },
  ],
  travel: {
    pool: { minor: 500_000, currency: "EUR" },
    committed: { minor: 120_000, currency: "EUR" },
    spent: { minor: 40_000, currency: "EUR" },
    remaining: { minor: 380_000, currency: "EUR" },
    funded_requests: 1,
    planned_in_lines: { minor: 0, currency: "EUR" },
  },
  spending: [
    { month: "2026-11", category: "socials", spent: { minor: 329_300, currency: "EUR" } },
    { month: null, category: "shipping", spent: { minor: 4_500, currency: "EUR" } },
  ],
};

const entries: BudgetEntry[] = [
  { source: "shipments", id: 3, category: "shipping", description: "Shipping: Berlin warehouse to the summit (DHL)", status: "delivered", day: "2026-11-18", amounts: figures("EUR", 0, 4_500, 4_500) },
  { source: "shipments", id: 4, category: "shipping", description: "Shipping: Printer to the summit", status: "draft", day: null, amounts: figures("USD", 0, 0, 0) },
  { source: "travel", id: 9, category: "travel", description: "Travel funding for Ada Lovelace", status: "booked", day: "2026-11-10", amounts: figures("EUR", 0, 120_000, 40_000) },
];

/** The description cell of each rendered body row of a grid. */
function cells(grid: string, column = 1): string[] {
  return within(screen.getByRole("grid", { name: grid }))
    .getAllByRole("row")
    .slice(1)
    .map((row) => {
      const cell = within(row).getAllByRole("gridcell")[column];
      return (cell?.querySelector(".cell-primary") ?? cell)?.textContent.trim() ?? "";
    });
}

function root(): HTMLElement {
  const section = document.querySelector<HTMLElement>('[data-screen="budget"]');
  if (!section) throw new Error("no budget screen");
  return section;
}

function selectedTab(): string {
  return screen.getAllByRole("tab").find((t) => t.getAttribute("aria-selected") === "true")?.textContent.trim() ?? "";
}

async function ready() {
  await waitFor(() => expect(root().dataset.ready).toBe("budget"));
}

let stopShortcuts: () => void = () => undefined;

beforeEach(() => {
  vi.mocked(commands.budgetSummary).mockReset().mockResolvedValue(summary);
  vi.mocked(commands.budgetEntries).mockReset().mockResolvedValue(entries);
  vi.mocked(commands.listBudgetLines).mockReset().mockResolvedValue(lines);
  vi.mocked(commands.createBudgetLine).mockReset();
  vi.mocked(commands.exportBudget).mockReset().mockResolvedValue(null);
  vi.mocked(save).mockReset();
  // jsdom draws no canvas: the charts stay empty and the tables carry the figures.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  stopShortcuts = shortcuts.listen(window);
});

afterEach(() => {
  stopShortcuts();
  document.body.replaceChildren();
});

describe("BudgetScreen", () => {
  it("shows the core's totals in the summit's currency once everything is loaded", async () => {
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    expect(root().dataset.ready).toBeUndefined();
    await ready();
    expect(commands.budgetSummary).toHaveBeenCalledWith(7);
    expect(commands.listBudgetLines).toHaveBeenCalledWith({ summit_id: 7 });
    expect(commands.budgetEntries).toHaveBeenCalledWith(7);
    expect(selectedTab()).toBe("Summary");
    expect(screen.getByTestId("total-planned").textContent).toBe("€6,632.00");
    expect(screen.getByTestId("total-remaining").textContent).toBe("€3,294.00");
    expect(screen.getByText(/The summit's budget is/).textContent).toContain("€3,368.00 not planned yet");
    // What has no rate is said, not dropped.
    expect(screen.getByTestId("missing-rates").textContent).toContain("Amounts in CHF are not in these totals");
    expect(screen.getByText("CHF → EUR: no rate")).toBeTruthy();
    // The rate in use, and the converted sum beside the JPY amounts.
    expect(screen.getByText("1 JPY = 0.0061 EUR")).toBeTruthy();
    const sums = screen.getByRole("table", { name: "By category and currency" });
    const yen = must(within(sums).getByText("¥120,000").closest("tr"));
    expect(within(yen).getByText("0.0061")).toBeTruthy();
    expect(within(yen).getByText("€732.00")).toBeTruthy();
    // Two charts, named for screen readers.
    expect(screen.getByRole("img", { name: "Planned, committed and spent per category in EUR" })).toBeTruthy();
    expect(screen.getByRole("img", { name: "Spent per month and category, and in all, in EUR" })).toBeTruthy();
    // Cost per head.
    const socials = screen.getByRole("table", { name: "Cost per head of the socials" });
    expect(within(socials).getByText("€25.00")).toBeTruthy();
  });

  it("opens the records behind a figure and shows every one again", async () => {
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    await ready();
    const sums = screen.getByRole("table", { name: "By category and currency" });
    const yen = must(within(sums).getByText("¥120,000").closest("tr"));
    await fireEvent.click(within(yen).getByRole("button", { name: "Socials" }));
    expect(selectedTab()).toMatch(/^Lines/);
    expect(cells("Budget lines")).toEqual(["Izakaya dinner"]);
    expect(screen.getByTestId("drill").textContent).toContain("Socials in JPY");
    await fireEvent.click(screen.getByRole("button", { name: "Show every record" }));
    expect(cells("Budget lines")).toHaveLength(4);

    // A social's cost per head opens the lines that pay for it.
    await fireEvent.click(screen.getByRole("tab", { name: /Summary/ }));
    await fireEvent.click(screen.getByRole("button", { name: "Boat party" }));
    expect(cells("Budget lines")).toEqual(["Boat party venue"]);
    expect(screen.getByText("for Boat party")).toBeTruthy();

    // Shipment costs open on their own tab.
    await fireEvent.click(screen.getByRole("tab", { name: /Summary/ }));
    const shipments = must(within(sums).getByText("shipment costs").closest("tr"));
    await fireEvent.click(within(shipments).getByRole("button", { name: "Shipping" }));
    expect(selectedTab()).toMatch(/^Shipments & travel/);
    expect(cells("Shipments and travel")).toEqual(["Shipping: Berlin warehouse to the summit (DHL)"]);

    // The travel pool's funded requests.
    await fireEvent.click(screen.getByRole("tab", { name: /Summary/ }));
    const pool = screen.getByTestId("travel-pool");
    expect(pool.textContent).toContain("€5,000.00");
    expect(pool.textContent).toContain("24% of the pool committed");
    expect(within(pool).getByRole("meter").getAttribute("aria-valuenow")).toBe("24");
    await fireEvent.click(within(pool).getByRole("button", { name: "1 funded request" }));
    expect(cells("Shipments and travel")).toEqual(["Travel funding for Ada Lovelace"]);
  });

  it("filters the lines by category and adds one with Mod+N", async () => {
    const saved = line(5, "shipping", "Pallet to Lyon", "EUR", 40_000, 0);
    vi.mocked(commands.createBudgetLine).mockResolvedValue(saved);
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    await ready();
    await fireEvent.click(screen.getByRole("tab", { name: /Lines/ }));
    await fireEvent.change(screen.getByLabelText("Category"), { target: { value: "socials" } });
    expect(cells("Budget lines")).toEqual(["Boat party venue", "Izakaya dinner"]);
    await fireEvent.change(screen.getByLabelText("Category"), { target: { value: "" } });
    expect(cells("Budget lines")).toHaveLength(4);
    // remaining = planned − committed, paid counting as committed, overspent in the danger colour
    const izakaya = must(screen.getByText("Izakaya dinner").closest<HTMLElement>('[role="row"]'));
    expect(within(izakaya).getByText(/-¥10,000|¥-10,000|−¥10,000/).classList.contains("overspent")).toBe(true);

    await fireEvent.keyDown(window, { key: "n", code: "KeyN", ctrlKey: !/mac/i.test(navigator.platform), metaKey: /mac/i.test(navigator.platform) });
    const dialog = await screen.findByRole("dialog", { name: "New budget line" });
    await fireEvent.input(within(dialog).getByLabelText(/Description/), { target: { value: "Pallet to Lyon" } });
    await fireEvent.input(within(dialog).getByLabelText(/Planned/), { target: { value: "400" } });
    await fireEvent.submit(must(dialog.querySelector("form")));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(cells("Budget lines")).toContain("Pallet to Lyon");
    // The summary is asked again, so its totals include the new line.
    await waitFor(() => expect(commands.budgetSummary).toHaveBeenCalledTimes(2));
  });

  it("exports through the save dialog, and not when it is cancelled", async () => {
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    await ready();
    vi.mocked(save).mockResolvedValueOnce("/home/ada/northwind.pdf");
    await fireEvent.click(must(document.querySelector<HTMLButtonElement>('[data-export="pdf"]')));
    await waitFor(() => expect(commands.exportBudget).toHaveBeenCalledWith(7, "pdf", "/home/ada/northwind.pdf"));
    const options = vi.mocked(save).mock.calls[0]?.[0];
    expect(options?.defaultPath).toMatch(/^northwind-budget-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(options?.filters).toEqual([{ name: "PDF document", extensions: ["pdf"] }]);
    await waitFor(() => expect(toasts.items.map((t) => t.message)).toContain("Budget exported as PDF"));

    vi.mocked(save).mockResolvedValueOnce(null);
    await fireEvent.click(must(document.querySelector<HTMLButtonElement>('[data-export="xlsx"]')));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(commands.exportBudget).toHaveBeenCalledTimes(1);
  });

  it("explains that budgets belong to a summit in the standalone context", () => {
    render(BudgetScreen, { props: { summit: null, summits: [summit] } });
    expect(screen.getByText("Budgets belong to a summit")).toBeTruthy();
    expect(root().dataset.ready).toBe("budget");
    expect(commands.budgetSummary).not.toHaveBeenCalled();
  });

  it("says when the budget could not be loaded", async () => {
    vi.mocked(commands.budgetSummary).mockRejectedValue({ code: "storage", message: "disk I/O error", field: null });
    render(BudgetScreen, { props: { summit, summits: [summit] } });
    expect((await screen.findByRole("alert")).textContent).toContain("disk I/O error");
    expect(root().dataset.ready).toBe("budget");
  });
});
