// The budget summary as the budget page shows it: the core has done every sum and conversion;
// this only shapes its figures for the charts and tables and says what a drill-down shows.
import type { BudgetCategory, BudgetEntry, BudgetSource, BudgetSummary, CurrencySums, ExportFormat, Money, SpendingMonth } from "../bindings/commands";
import { majorValue } from "./budgetForms";
import { BUDGET_CATEGORIES, CATEGORY_LABELS } from "./budgetTotals";

/** The three amounts the charts compare, in this order. */
export const SERIES = [
  { key: "planned", label: "Planned" },
  { key: "committed", label: "Committed" },
  { key: "spent", label: "Spent" },
] as const;

export type SeriesKey = (typeof SERIES)[number]["key"];

/** An amount as a chart plots it: in whole units of its currency (1250.5 for 125050 EUR cents). */
export function units(money: Money): number {
  return majorValue(money) ?? 0;
}

/** Planned, committed and spent per category, in the base currency: one array per series. */
export function categorySeries(summary: BudgetSummary): { labels: string[]; series: Record<SeriesKey, number[]> } {
  return {
    labels: summary.categories.map((c) => CATEGORY_LABELS[c.category]),
    series: {
      planned: summary.categories.map((c) => units(c.figures.planned)),
      committed: summary.categories.map((c) => units(c.figures.committed)),
      spent: summary.categories.map((c) => units(c.figures.spent)),
    },
  };
}

/** A month as the chart labels it: "2026-03" → "Mar 2026"; no month → "No date". */
export function monthLabel(month: string | null, locale?: string): string {
  if (month === null) return "No date";
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(date);
}

/** Spending month by month: what each category spent per month, and the running total. */
export interface SpendingSeries {
  /** Months in order; "No date" last when something was spent on no recorded date. */
  months: (string | null)[];
  byCategory: { category: BudgetCategory; values: number[] }[];
  /** The total spent up to and including each month. */
  cumulative: number[];
}

export function spendingSeries(spending: readonly SpendingMonth[]): SpendingSeries {
  const months: (string | null)[] = [];
  for (const m of spending) if (!months.includes(m.month)) months.push(m.month);
  // The core sends dated months in order and the undated last; keep that order regardless.
  months.sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const byCategory = BUDGET_CATEGORIES.map((category) => ({
    category,
    values: months.map((month) => {
      const found = spending.find((m) => m.month === month && m.category === category);
      return found ? units(found.spent) : 0;
    }),
  })).filter((c) => c.values.some((v) => v !== 0));
  let running = 0;
  const cumulative = months.map((_, i) => {
    for (const c of byCategory) running += c.values[i] ?? 0;
    return Math.round(running * 1e6) / 1e6;
  });
  return { months, byCategory, cumulative };
}

/** The sums that could not be converted, as one sentence; null when everything was. */
export function missingRatesNote(summary: BudgetSummary): string | null {
  if (summary.missing_rates.length === 0) return null;
  const codes = summary.missing_rates;
  const list = codes.length === 1 ? codes[0] : `${codes.slice(0, -1).join(", ")} and ${codes.at(-1) ?? ""}`;
  return `Amounts in ${list} are not in these totals: no exchange rate from ${codes.length === 1 ? "it" : "them"} into ${summary.base} is recorded.`;
}

/** Which records a figure stands for: what the lines or the other records are filtered by. */
export interface Drill {
  category: BudgetCategory | null;
  currency: string | null;
  /** The social the lines pay for. */
  gatheringId: number | null;
  /** What the filter shows as, e.g. "Socials in USD". */
  label: string;
  /** Budget lines, or the shipment costs and travel requests ("entries") of one source. */
  records: "lines" | "entries";
  source: BudgetSource | null;
}

export function drillCategory(category: BudgetCategory): Drill {
  return { category, currency: null, gatheringId: null, label: CATEGORY_LABELS[category], records: "lines", source: null };
}

export function drillSum(sum: CurrencySums): Drill {
  const lines = sum.source === "lines";
  return {
    category: sum.category,
    currency: sum.currency,
    gatheringId: null,
    label: lines ? `${CATEGORY_LABELS[sum.category]} in ${sum.currency}` : `${SOURCE_LABELS[sum.source]} in ${sum.currency}`,
    records: lines ? "lines" : "entries",
    source: lines ? null : sum.source,
  };
}

export function drillSocial(gatheringId: number, title: string): Drill {
  return { category: null, currency: null, gatheringId, label: `For ${title}`, records: "lines", source: null };
}

/** The travel requests that hold money from the pool. */
export function drillTravel(): Drill {
  return { category: "travel", currency: null, gatheringId: null, label: "Travel funding", records: "entries", source: "travel" };
}

export const SOURCE_LABELS: Readonly<Record<BudgetSource, string>> = {
  lines: "Budget lines",
  shipments: "Shipment costs",
  travel: "Travel funding",
};

/** Whether a budget line is behind the drilled figure. */
export function inDrill(
  drill: Drill | null,
  line: { category: BudgetCategory; planned: Money; gathering_id: number | null },
): boolean {
  if (drill?.records !== "lines") return true;
  if (drill.category !== null && line.category !== drill.category) return false;
  if (drill.currency !== null && line.planned.currency !== drill.currency) return false;
  if (drill.gatheringId !== null && line.gathering_id !== drill.gatheringId) return false;
  return true;
}

/** Whether a shipment cost or travel request is behind the drilled figure. */
export function entryInDrill(drill: Drill | null, entry: Pick<BudgetEntry, "source" | "amounts">): boolean {
  if (drill?.records !== "entries") return true;
  if (drill.source !== null && entry.source !== drill.source) return false;
  if (drill.currency !== null && entry.amounts.planned.currency !== drill.currency) return false;
  return true;
}

/** Committed as a share of the pool, 0–1 and beyond when over; null without a pool. */
export function poolShare(pool: Money | null, committed: Money): number | null {
  if (!pool || pool.minor <= 0 || pool.currency !== committed.currency) return null;
  return committed.minor / pool.minor;
}

export const EXPORTS: readonly { format: ExportFormat; label: string; filter: string }[] = [
  { format: "pdf", label: "PDF", filter: "PDF document" },
  { format: "xlsx", label: "XLSX", filter: "Excel workbook" },
  { format: "csv", label: "CSV", filter: "CSV table" },
];

/** The file name the save dialog suggests: "northwind-budget-2026-05-04.xlsx". */
export function exportFileName(slug: string, format: ExportFormat, today: Date): string {
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  return `${slug}-budget-${day}.${format}`;
}
