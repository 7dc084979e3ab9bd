import { describe, expect, it } from "vitest";
import type { BudgetCategory, BudgetLine } from "../bindings/commands";
import { amountText } from "../lib/formValues";
import { amountPlaceholder, currencySuggestions, majorValue } from "./budgetForms";
import { orderCurrencies, remainingOf, upsertLine } from "./budgetTotals";

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
    paid_on: null,
  };
}

describe("budget helpers", () => {
  it("computes a line's remaining amount as planned less committed, paid counting as committed", () => {
    expect(remainingOf(line("swag", "JPY", 1_000, 0, 1_200))).toEqual({ minor: -200, currency: "JPY" });
    expect(remainingOf(line("swag", "EUR", 1_000, 800, 300))).toEqual({ minor: 200, currency: "EUR" });
    expect(remainingOf(line("swag", "EUR", 1_000, 0, 0))).toEqual({ minor: 1_000, currency: "EUR" });
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

  it("orders currencies", () => {
    expect(orderCurrencies(["USD", "EUR", "GBP", "EUR"], "GBP")).toEqual(["GBP", "EUR", "USD"]);
    expect(currencySuggestions("chf", ["EUR", "usd"]).slice(0, 4)).toEqual(["CHF", "EUR", "USD", "GBP"]);
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
