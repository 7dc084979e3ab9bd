// Budget totals per category and currency, summed on the client. Amounts in different currencies
// are never added together: every sum is of one currency's integer minor units.
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

/** What one line has left: planned − spent, in the line's currency (negative when overspent). */
export function remainingOf(line: Pick<BudgetLine, "planned" | "spent">): Money {
  return { minor: line.planned.minor - line.spent.minor, currency: line.planned.currency };
}

/** Sums of some lines in one currency, in its minor units. */
export interface CurrencyTotals {
  currency: string;
  lines: number;
  planned: number;
  committed: number;
  spent: number;
  /** planned − spent */
  remaining: number;
}

export interface CategoryTotals {
  category: BudgetCategory;
  lines: number;
  /** The category's sums per currency it has lines in. */
  byCurrency: ReadonlyMap<string, CurrencyTotals>;
}

export interface BudgetSummary {
  lines: number;
  /** Every currency the lines are in: the base currency first (if present), then A–Z. */
  currencies: string[];
  /** One entry per category, in BUDGET_CATEGORIES order, including those without lines. */
  categories: CategoryTotals[];
  /** All categories together, per currency. */
  overall: ReadonlyMap<string, CurrencyTotals>;
}

export type Metric = "planned" | "committed" | "spent" | "remaining";

export const METRICS: readonly { id: Metric; label: string }[] = [
  { id: "planned", label: "Planned" },
  { id: "committed", label: "Committed" },
  { id: "spent", label: "Spent" },
  { id: "remaining", label: "Remaining" },
];

function add(into: Map<string, CurrencyTotals>, line: BudgetLine): void {
  const currency = line.planned.currency;
  let sums = into.get(currency);
  if (!sums) {
    sums = { currency, lines: 0, planned: 0, committed: 0, spent: 0, remaining: 0 };
    into.set(currency, sums);
  }
  sums.lines += 1;
  sums.planned += line.planned.minor;
  sums.committed += line.committed.minor;
  sums.spent += line.spent.minor;
  sums.remaining = sums.planned - sums.spent;
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
 * Totals of `lines` per category and currency, and per currency over all categories, in one pass.
 * `base` (the summit's currency) only decides the order of the currencies.
 */
export function summariseBudget(lines: readonly BudgetLine[], base?: string | null): BudgetSummary {
  const perCategory = new Map<BudgetCategory, Map<string, CurrencyTotals>>(
    BUDGET_CATEGORIES.map((c) => [c, new Map<string, CurrencyTotals>()]),
  );
  const counts = new Map<BudgetCategory, number>();
  const overall = new Map<string, CurrencyTotals>();
  for (const line of lines) {
    let byCurrency = perCategory.get(line.category);
    if (!byCurrency) {
      // A category this screen does not know yet: keep it rather than lose its money.
      byCurrency = new Map();
      perCategory.set(line.category, byCurrency);
    }
    add(byCurrency, line);
    add(overall, line);
    counts.set(line.category, (counts.get(line.category) ?? 0) + 1);
  }
  return {
    lines: lines.length,
    currencies: orderCurrencies(overall.keys(), base),
    categories: [...perCategory].map(([category, byCurrency]) => ({
      category,
      lines: counts.get(category) ?? 0,
      byCurrency,
    })),
    overall,
  };
}

/** "EUR", "EUR and USD", "EUR, GBP and JPY". */
export function listCurrencies(currencies: readonly string[]): string {
  if (currencies.length <= 1) return currencies.join("");
  return `${currencies.slice(0, -1).join(", ")} and ${currencies.at(-1) ?? ""}`;
}

/** Spent as a share of planned, 0–1 and beyond when overspent; null when nothing is planned. */
export function burn(sums: Pick<CurrencyTotals, "planned" | "spent">): number | null {
  if (sums.planned <= 0) return sums.spent > 0 ? Infinity : null;
  return sums.spent / sums.planned;
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
