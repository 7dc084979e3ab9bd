import { render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "../bindings/commands";
import { formatMoney } from "../lib/format";
import { dashboardOf, gathering, northwind } from "../testdata";
import { budgetByCategory, findings, recurrenceText, summitWhen, totalsByCurrency } from "./dashboard";
import DashboardScreen from "./DashboardScreen.svelte";

vi.mock("../bindings/commands", () => ({
  commands: { dashboard: vi.fn(), listGatherings: vi.fn(), createSummit: vi.fn(), updateSummit: vi.fn() },
}));

const mocked = vi.mocked(commands);

beforeEach(() => {
  vi.clearAllMocks();
  mocked.dashboard.mockResolvedValue(dashboardOf(northwind));
  mocked.listGatherings.mockResolvedValue([]);
});

function ready() {
  return waitFor(() => {
    const root = document.querySelector('[data-screen="dashboard"]');
    if (root?.getAttribute("data-ready") !== "dashboard") throw new Error("not ready");
    return root as HTMLElement;
  });
}

describe("DashboardScreen", () => {
  it("shows the summit, what is next, what needs attention and the budget", async () => {
    render(DashboardScreen, { props: { summit: northwind, summits: [northwind] } });
    const root = await ready();
    expect(mocked.dashboard).toHaveBeenCalledWith(1);
    expect(within(root).getByRole("heading", { name: "Northwind Open Source Summit" })).toBeTruthy();
    expect(within(root).getByText("Europe/Paris")).toBeTruthy();

    const next = within(root).getByRole("region", { name: "What's next" });
    expect(within(next).getByText("Opening keynote")).toBeTruthy();
    expect(within(next).getByText("Speakers' dinner")).toBeTruthy();
    expect(next.querySelector('[data-gathering-id="2"]')?.textContent).toContain("Brasserie Georges");

    const attention = within(root).getByRole("region", { name: /Needs attention/ });
    expect(within(attention).getByText("4 travel requests wait for a decision.")).toBeTruthy();
    expect(within(attention).getByText("2 shipments are not on the way yet (draft or packed).")).toBeTruthy();
    expect(within(attention).getByText(/1 gathering is cancelled/)).toBeTruthy();
    expect(attention.querySelector('[data-severity="warning"]')?.textContent).toContain("Socials: 18000.00 EUR committed");
    // A check's finding links to its record: the section, with the record picked out.
    const late = attention.querySelector('[data-kind="shipment-late"]');
    expect(late?.textContent).toContain("Shipment 5");
    expect(within(late as HTMLElement).getByRole("link", { name: "Open shipment" }).getAttribute("href")).toBe("#/swag/shipment/5");

    const budget = within(root).getByRole("region", { name: "Budget at a glance" });
    // currencies listed apart, never converted
    expect(budget.querySelector('[data-category="socials"][data-currency="USD"]')?.textContent).toContain(formatMoney({ minor: 50_000, currency: "USD" }));
    expect(budget.querySelector('[data-category="swag"][data-currency="JPY"]')?.textContent).toContain(formatMoney({ minor: 300_000, currency: "JPY" }));
    expect(within(budget).getByText(/not converted/)).toBeTruthy();
  });

  it("shows the upcoming standalone meetups without a summit", async () => {
    mocked.listGatherings.mockResolvedValue([
      gathering({ summit_id: null, kind: "meetup", title: "Rust Lyon", start_local: "2099-02-04T19:00", end_local: "2099-02-04T21:00", room: null, venue: "Le Sirius" }),
    ]);
    render(DashboardScreen, { props: { summit: null, summits: [] } });
    const root = await ready();
    expect(mocked.dashboard).not.toHaveBeenCalled();
    expect(mocked.listGatherings).toHaveBeenCalledWith(expect.objectContaining({ standalone: true }));
    expect(within(root).getByText("Rust Lyon")).toBeTruthy();
    expect(within(root).getByText("Le Sirius")).toBeTruthy();
  });

  it("says what failed", async () => {
    mocked.dashboard.mockRejectedValue({ code: "not_found", message: "no summit 9", field: null });
    render(DashboardScreen, { props: { summit: northwind, summits: [northwind] } });
    expect((await screen.findByRole("alert")).textContent).toContain("no summit 9");
  });
});

describe("dashboard arithmetic", () => {
  const data = dashboardOf(northwind);

  it("puts the worst findings first", () => {
    const found = findings(data);
    expect(found.map((f) => f.severity)).toEqual(["error", "warning", "warning", "info", "info"]);
    expect(found[0]).toMatchObject({ kind: "shipment-late", href: "#/swag/shipment/5", action: "Open shipment" });
    expect(found[1]).toMatchObject({ kind: "budget-over-plan", href: "#/budget/budget-line/3" });
    expect(findings({ ...data, findings: [], counts: { ...data.counts, travel_to_review: 0, shipments_not_sent: 0, cancelled: 0 }, budget: [] })).toEqual([]);
    // planned in the summit's currency beyond its budget; other currencies are not compared
    const cap = { budget: { minor: 1_000_000, currency: "EUR" } };
    expect(findings({ ...data, findings: [], summit: cap })[0]?.message).toBe("More is planned in EUR alone than the summit's whole budget.");
    expect(findings({ ...data, findings: [], summit: { budget: { minor: 100, currency: "CHF" } } }).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("groups the budget by category, base currency first, and totals per currency", () => {
    const categories = budgetByCategory(
      [
        { category: "travel", lines: 1, planned: { minor: 1, currency: "USD" }, committed: { minor: 0, currency: "USD" }, spent: { minor: 0, currency: "USD" } },
        { category: "socials", lines: 1, planned: { minor: 1, currency: "GBP" }, committed: { minor: 0, currency: "GBP" }, spent: { minor: 0, currency: "GBP" } },
        { category: "travel", lines: 1, planned: { minor: 1, currency: "EUR" }, committed: { minor: 0, currency: "EUR" }, spent: { minor: 0, currency: "EUR" } },
      ],
      "EUR",
    );
    expect(categories.map((c) => [c.category, c.rows.map((r) => r.planned.currency)])).toEqual([
      ["socials", ["GBP"]],
      ["travel", ["EUR", "USD"]],
    ]);
    const totals = totalsByCurrency(data.budget, "EUR");
    expect(totals.map((t) => [t.currency, t.planned.minor])).toEqual([
      ["EUR", 5_500_000],
      ["JPY", 300_000],
      ["USD", 50_000],
    ]);
  });

  it("tells where the summit is in time", () => {
    const s = { start_date: "2027-01-05", end_date: "2027-01-07" };
    expect(summitWhen(s, "2026-11-21")).toBe("Starts in 45 days");
    expect(summitWhen(s, "2027-01-04")).toBe("Starts tomorrow");
    expect(summitWhen(s, "2027-01-06")).toBe("Day 2 of 3");
    expect(summitWhen(s, "2027-01-08")).toBe("Ended yesterday");
    expect(summitWhen(s, "2027-01-17")).toBe("Ended 10 days ago");
  });

  it("reads recurrence rules", () => {
    expect(recurrenceText("FREQ=MONTHLY;BYDAY=1TH")).toBe("Monthly");
    expect(recurrenceText("FREQ=WEEKLY;INTERVAL=2")).toBe("Every 2 weeks");
    expect(recurrenceText(null)).toBeNull();
  });
});
