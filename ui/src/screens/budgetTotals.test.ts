import { describe, expect, it } from "vitest";
import type { BudgetCategory, BudgetLine } from "../bindings/commands";
import { formatMoney } from "../lib/format";
import { amountText } from "../lib/formValues";
import { amountPlaceholder, currencySuggestions, majorValue } from "./budgetForms";
import { burn, listCurrencies, orderCurrencies, remainingOf, summariseBudget, upsertLine } from "./budgetTotals";

let nextId = 1;
function line(category: BudgetCategory, currency: string, planned: number, committed: number, spent: number): BudgetLine {
  return {
    id: nextId++,
    summit_id: 1,
    category,
    description: `${category} ${currency}`,
    planned: { minor: planned, currency },
    committed: { minor: committed, currency },
    spent: { minor: spent, currency },
    gathering_id: null,
  };
}

describe("summariseBudget", () => {
  const lines = [
    line("socials", "EUR", 150_000, 100_000, 50_000), // €1,500.00
    line("socials", "EUR", 25_050, 0, 0), // €250.50
    line("socials", "JPY", 120_000, 60_000, 130_000), // ¥120,000, overspent
    line("travel", "JPY", 1_500, 1_500, 1_000), // ¥1,500
    line("travel", "EUR", 99, 0, 0),
  ];
  const summary = summariseBudget(lines, "EUR");

  it("sums per category and currency without mixing currencies", () => {
    const socials = summary.categories.find((c) => c.category === "socials");
    expect(socials?.lines).toBe(3);
    expect(socials?.byCurrency.get("EUR")).toEqual({
      currency: "EUR", lines: 2, planned: 175_050, committed: 100_000, spent: 50_000, remaining: 125_050,
    });
    expect(socials?.byCurrency.get("JPY")).toEqual({
      currency: "JPY", lines: 1, planned: 120_000, committed: 60_000, spent: 130_000, remaining: -10_000,
    });
    const travel = summary.categories.find((c) => c.category === "travel");
    expect(travel?.byCurrency.get("JPY")?.planned).toBe(1_500);
    expect(travel?.byCurrency.get("EUR")?.planned).toBe(99);
  });

  it("totals every category per currency", () => {
    expect(summary.lines).toBe(5);
    expect(summary.overall.get("EUR")).toMatchObject({ lines: 3, planned: 175_149, spent: 50_000, remaining: 125_149 });
    expect(summary.overall.get("JPY")).toMatchObject({ lines: 2, planned: 121_500, spent: 131_000, remaining: -9_500 });
    expect(summary.overall.size).toBe(2);
  });

  it("lists every category, empty ones too, and the currencies base first", () => {
    expect(summary.categories.map((c) => c.category)).toEqual(["socials", "swag", "shipping", "travel", "other"]);
    expect(summary.categories.find((c) => c.category === "swag")?.byCurrency.size).toBe(0);
    expect(summary.currencies).toEqual(["EUR", "JPY"]);
    expect(summariseBudget(lines, "JPY").currencies).toEqual(["JPY", "EUR"]);
    expect(summariseBudget(lines, "USD").currencies).toEqual(["EUR", "JPY"]);
  });

  it("shows JPY totals in whole yen and EUR in cents", () => {
    const socials = summary.categories.find((c) => c.category === "socials");
    const yen = socials?.byCurrency.get("JPY");
    const euro = socials?.byCurrency.get("EUR");
    if (!yen || !euro) throw new Error("missing totals");
    expect(formatMoney({ minor: yen.planned, currency: "JPY" }, { locale: "en" })).toBe("¥120,000");
    expect(formatMoney({ minor: euro.planned, currency: "EUR" }, { locale: "en" })).toBe("€1,750.50");
  });

  it("handles no lines", () => {
    const empty = summariseBudget([], "EUR");
    expect(empty.lines).toBe(0);
    expect(empty.currencies).toEqual([]);
    expect(empty.categories.every((c) => c.lines === 0)).toBe(true);
  });
});

describe("budget helpers", () => {
  it("computes a line's remaining amount", () => {
    expect(remainingOf(line("swag", "JPY", 1_000, 0, 1_200))).toEqual({ minor: -200, currency: "JPY" });
  });

  it("writes amounts as exact form text by the currency's exponent", () => {
    expect(amountText({ minor: 125_050, currency: "EUR" })).toBe("1250.50");
    expect(amountText({ minor: 5, currency: "EUR" })).toBe("0.05");
    expect(amountText({ minor: 1_500, currency: "JPY" })).toBe("1500");
    expect(amountText({ minor: 1_234, currency: "BHD" })).toBe("1.234");
    expect(amountText(null)).toBe("");
    expect(amountPlaceholder("JPY")).toBe("0");
    expect(amountPlaceholder("eur")).toBe("0.00");
    expect(amountPlaceholder("BHD")).toBe("0.000");
    expect(amountPlaceholder("")).toBe("0.00");
    expect(majorValue({ minor: 1_500, currency: "JPY" })).toBe(1500);
    expect(majorValue({ minor: 1_500, currency: "EUR" })).toBe(15);
  });

  it("orders and lists currencies", () => {
    expect(orderCurrencies(["USD", "EUR", "GBP", "EUR"], "GBP")).toEqual(["GBP", "EUR", "USD"]);
    expect(listCurrencies([])).toBe("");
    expect(listCurrencies(["EUR"])).toBe("EUR");
    expect(listCurrencies(["EUR", "USD"])).toBe("EUR and USD");
    expect(listCurrencies(["EUR", "GBP", "JPY"])).toBe("EUR, GBP and JPY");
    expect(currencySuggestions("chf", ["EUR", "usd"]).slice(0, 4)).toEqual(["CHF", "EUR", "USD", "GBP"]);
  });

  it("measures spent against planned", () => {
    expect(burn({ planned: 200, spent: 50 })).toBe(0.25);
    expect(burn({ planned: 0, spent: 0 })).toBeNull();
    expect(burn({ planned: 0, spent: 1 })).toBe(Infinity);
  });

  it("replaces or appends a saved line in a new array", () => {
    const lines = [line("other", "EUR", 1, 0, 0), line("other", "EUR", 2, 0, 0)];
    const changed = { ...lines[1], description: "changed" } as BudgetLine;
    const replaced = upsertLine(lines, changed);
    expect(replaced).not.toBe(lines);
    expect(replaced.map((l) => l.description)).toEqual(["other EUR", "changed"]);
    const added = upsertLine(lines, line("swag", "USD", 3, 0, 0));
    expect(added).toHaveLength(3);
    expect(lines).toHaveLength(2);
  });
});
