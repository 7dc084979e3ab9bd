import { describe, expect, it } from "vitest";
import type { BudgetSummary, CurrencySums, Figures, SpendingMonth } from "../bindings/commands";
import { categorySeries, drillSocial, drillSum, drillTravel, entryInDrill, exportFileName, inDrill, missingRatesNote, monthLabel, poolShare, spendingSeries, units } from "./budgetSummary";

function figures(currency: string, planned: number, committed: number, spent: number): Figures {
  const m = (minor: number) => ({ minor, currency });
  return { planned: m(planned), committed: m(committed), spent: m(spent), remaining: m(planned - committed) };
}

const eur = (minor: number) => ({ minor, currency: "EUR" });

describe("budget summary helpers", () => {
  it("plots amounts in whole units of their currency", () => {
    expect(units({ minor: 125_050, currency: "EUR" })).toBe(1250.5);
    expect(units({ minor: 150_000, currency: "JPY" })).toBe(150_000);
    expect(units({ minor: 1_234, currency: "BHD" })).toBe(1.234);
  });

  it("gives one series per amount across the categories", () => {
    const summary = {
      categories: [
        { category: "socials", records: 2, figures: figures("EUR", 146_000, 91_086, 41_086), complete: true },
        { category: "swag", records: 2, figures: figures("EUR", 92_253, 91_500, 61_000), complete: true },
      ],
    } as BudgetSummary;
    expect(categorySeries(summary)).toEqual({
      labels: ["Socials", "Swag"],
      series: { planned: [1460, 922.53], committed: [910.86, 915], spent: [410.86, 610] },
    });
  });

  it("lays spending out by month with a running total, the undated last", () => {
    const spending: SpendingMonth[] = [
      { month: "2026-03", category: "socials", spent: eur(30_000) },
      { month: "2026-03", category: "swag", spent: eur(61_000) },
      { month: "2026-05", category: "shipping", spent: eur(8_475) },
      { month: null, category: "other", spent: eur(5_000) },
      { month: "2026-04", category: "socials", spent: eur(11_086) },
    ];
    const series = spendingSeries(spending);
    expect(series.months).toEqual(["2026-03", "2026-04", "2026-05", null]);
    expect(series.byCategory.map((c) => c.category)).toEqual(["socials", "swag", "shipping", "other"]);
    expect(series.byCategory[0]?.values).toEqual([300, 110.86, 0, 0]);
    expect(series.cumulative).toEqual([910, 1020.86, 1105.61, 1155.61]);
    expect(monthLabel("2026-03", "en")).toBe("Mar 2026");
    expect(monthLabel(null)).toBe("No date");
    expect(spendingSeries([])).toEqual({ months: [], byCategory: [], cumulative: [] });
  });

  it("says which currencies are left out", () => {
    const base = { base: "EUR", missing_rates: [] as string[] } as unknown as BudgetSummary;
    expect(missingRatesNote(base)).toBeNull();
    expect(missingRatesNote({ ...base, missing_rates: ["CHF"] })).toBe("Amounts in CHF are not in these totals: no exchange rate from it into EUR is recorded.");
    expect(missingRatesNote({ ...base, missing_rates: ["CHF", "GBP", "USD"] })).toContain("Amounts in CHF, GBP and USD");
  });

  it("drills from a figure to the records behind it", () => {
    const yen: CurrencySums = { category: "socials", source: "lines", currency: "JPY", records: 1, amounts: figures("JPY", 1, 0, 0), rate: null, converted: null };
    const drill = drillSum(yen);
    expect(drill).toMatchObject({ label: "Socials in JPY", records: "lines" });
    const of = (category: "socials" | "swag", currency: string, gathering_id: number | null = null) => ({ category, planned: { minor: 1, currency }, gathering_id });
    expect(inDrill(drill, of("socials", "JPY"))).toBe(true);
    expect(inDrill(drill, of("socials", "EUR"))).toBe(false);
    expect(inDrill(drill, of("swag", "JPY"))).toBe(false);
    expect(inDrill(null, of("swag", "JPY"))).toBe(true);
    const shipping = drillSum({ ...yen, category: "shipping", source: "shipments" });
    expect(shipping).toMatchObject({ records: "entries", source: "shipments", label: "Shipment costs in JPY" });
    const entry = (source: "shipments" | "travel", currency: string) => ({ source, amounts: figures(currency, 0, 1, 0) });
    expect(entryInDrill(shipping, entry("shipments", "JPY"))).toBe(true);
    expect(entryInDrill(shipping, entry("shipments", "EUR"))).toBe(false);
    expect(entryInDrill(shipping, entry("travel", "JPY"))).toBe(false);
    expect(entryInDrill(drillTravel(), entry("travel", "EUR"))).toBe(true);
    // A drill into entries leaves the lines alone, and the other way round.
    expect(inDrill(shipping, of("swag", "EUR"))).toBe(true);
    expect(entryInDrill(drill, entry("shipments", "EUR"))).toBe(true);
    const party = drillSocial(11, "Boat party");
    expect(inDrill(party, of("socials", "EUR", 11))).toBe(true);
    expect(inDrill(party, of("socials", "EUR", 12))).toBe(false);
  });

  it("measures the travel pool committed", () => {
    expect(poolShare(eur(100_000), eur(91_000))).toBe(0.91);
    expect(poolShare(eur(100_000), eur(120_000))).toBe(1.2);
    expect(poolShare(null, eur(1))).toBeNull();
    expect(poolShare(eur(0), eur(1))).toBeNull();
    expect(poolShare(eur(100), { minor: 1, currency: "USD" })).toBeNull();
  });

  it("suggests a file name with the slug and the day", () => {
    expect(exportFileName("northwind", "xlsx", new Date(2026, 4, 4))).toBe("northwind-budget-2026-05-04.xlsx");
  });
});
