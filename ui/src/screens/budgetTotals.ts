// Budget categories and what the budget screens work out per line on the client. Amounts in
// different currencies are never added together here: the core sums and converts them
// (`commands.budgetSummary`).
import type { BudgetCategory, BudgetLine, Money } from "../bindings/commands";

/** The categories in the order the screen lists them. */
export const BUDGET_CATEGORIES: readonly BudgetCategory[] = ["socials", "swag", "shipping", "travel", "other"];

export const CATEGORY_LABELS: Readonly<Record<BudgetCategory, string>> = {
  socials: "Socials",
  swag: "Swag",
  shipping: "Shipping",
  travel: "Travel",
  other: "Other",
};

export function isBudgetCategory(value: string): value is BudgetCategory {
  return (BUDGET_CATEGORIES as readonly string[]).includes(value);
}

/**
 * What one line has left, in the line's currency, as the core counts it: planned − committed,
 * where what was paid counts as committed too (negative when over).
 */
export function remainingOf(line: Pick<BudgetLine, "planned" | "committed" | "spent">): Money {
  const committed = Math.max(line.committed.minor, line.spent.minor);
  return { minor: line.planned.minor - committed, currency: line.planned.currency };
}

/** The currencies in display order: `base` first when present, the rest A–Z. */
export function orderCurrencies(currencies: Iterable<string>, base?: string | null): string[] {
  return [...new Set(currencies)].sort((a, b) => {
    if (a === b) return 0;
    if (a === base) return -1;
    if (b === base) return 1;
    return a < b ? -1 : 1;
  });
}

/**
 * `lines` with `saved` in place of the line with its id, or added at the end. A new array: the
 * screen holds its lines as $state.raw and replaces them whole.
 */
export function upsertLine(lines: readonly BudgetLine[], saved: BudgetLine): BudgetLine[] {
  const at = lines.findIndex((line) => line.id === saved.id);
  if (at < 0) return [...lines, saved];
  const next = lines.slice();
  next[at] = saved;
  return next;
}
