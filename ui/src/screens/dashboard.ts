// The dashboard's arithmetic: what needs attention, the budget per category and currency, and how
// far away the summit is. Plain functions over the `Dashboard` the core returns.
import type {
  BudgetCategory,
  BudgetTotals,
  Counts,
  Dashboard,
  Finding as CheckFinding,
  FindingKind,
  Money,
  Severity,
  Summit,
} from "../bindings/commands";
import { defaultLocale, formatCount } from "../lib/format";
import { recordHref } from "../lib/jump.svelte";
import type { SectionId } from "../sections";

export type { Severity };

/** One thing that needs someone's attention: a planning check's finding, or a count to act on. */
export interface Finding {
  severity: Severity;
  message: string;
  /** The section where it is dealt with. */
  section?: SectionId;
  /** Where the link goes, when it is more than the section: one record in it. */
  href?: string;
  /** The link's text. */
  action?: string;
  /** The check that found it. */
  kind?: FindingKind;
}

/** The link's text for each check's finding. */
const ACTIONS: Readonly<Record<FindingKind, string>> = {
  "shipment-late": "Open shipment",
  "shipment-lost": "Open shipment",
  "shipment-at-risk": "Open shipment",
  "speaker-arrives-late": "Open speaker",
  "speaker-leaves-early": "Open speaker",
  "social-overlaps-plenary": "Open social",
  "travel-without-talk": "Open speaker",
  "over-capacity": "Open gathering",
  "budget-over-plan": "Review budget",
};

/** A planning check's finding as the list shows it, linking to the first record involved. */
export function checkFinding(finding: CheckFinding): Finding {
  const first = finding.records[0];
  return {
    severity: finding.severity,
    message: finding.message,
    kind: finding.kind,
    action: ACTIONS[finding.kind],
    ...(first ? { href: recordHref(first) } : {}),
  };
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export const CATEGORY_ORDER: readonly BudgetCategory[] = ["socials", "swag", "shipping", "travel", "other"];

export const CATEGORY_LABELS: Readonly<Record<BudgetCategory, string>> = {
  socials: "Socials",
  swag: "Swag",
  shipping: "Shipping",
  travel: "Travel",
  other: "Other",
};

/**
 * What needs attention, worst first: the planning checks' findings (late shipments, clashes,
 * crowded rooms, categories over plan), then what the counts and the budget's cap show.
 */
export function findings(
  dashboard: Pick<Dashboard, "counts" | "budget"> & { summit?: Pick<Summit, "budget">; findings?: readonly CheckFinding[] },
): Finding[] {
  const { counts, budget } = dashboard;
  const out: Finding[] = (dashboard.findings ?? []).map(checkFinding);
  const cap = dashboard.summit?.budget;
  if (cap) {
    // Only lines in the budget's own currency can be compared with it; others are not converted here.
    const planned = budget.filter((b) => b.planned.currency === cap.currency).reduce((sum, b) => sum + b.planned.minor, 0);
    if (planned > cap.minor) {
      out.push({
        severity: "error",
        message: `More is planned in ${cap.currency} alone than the summit's whole budget.`,
        section: "budget",
        action: "Review budget",
      });
    }
  }
  if (counts.travel_to_review > 0) {
    out.push({
      severity: "warning",
      message: `${plural(counts.travel_to_review, "travel request waits", "travel requests wait")} for a decision.`,
      section: "travel",
      action: "Review requests",
    });
  }
  if (counts.shipments_not_sent > 0) {
    out.push({
      severity: "info",
      message: `${plural(counts.shipments_not_sent, "shipment is", "shipments are")} not on the way yet (draft or packed).`,
      section: "swag",
      action: "Open shipments",
    });
  }
  if (counts.cancelled > 0) {
    out.push({
      severity: "info",
      message: `${plural(counts.cancelled, "gathering is", "gatherings are")} cancelled; calendars show them as cancelled.`,
      section: "timeline",
      action: "Open timeline",
    });
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  // Stable: each severity keeps the checks' own order.
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

export interface CategoryBudget {
  category: BudgetCategory;
  label: string;
  /** One row per currency, the summit's base currency first. */
  rows: BudgetTotals[];
}

/** Budget totals per category in a fixed order, each category's currencies base first. */
export function budgetByCategory(budget: readonly BudgetTotals[], baseCurrency: string): CategoryBudget[] {
  const byCategory = new Map<BudgetCategory, BudgetTotals[]>();
  for (const line of budget) {
    const rows = byCategory.get(line.category) ?? [];
    rows.push(line);
    byCategory.set(line.category, rows);
  }
  return CATEGORY_ORDER.filter((c) => byCategory.has(c)).map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    rows: (byCategory.get(category) ?? []).sort((a, b) =>
      a.planned.currency === baseCurrency ? -1 : b.planned.currency === baseCurrency ? 1 : a.planned.currency.localeCompare(b.planned.currency),
    ),
  }));
}

export interface CurrencyTotal {
  currency: string;
  planned: Money;
  committed: Money;
  spent: Money;
}

/** Totals per currency across categories, the base currency first; never converted. */
export function totalsByCurrency(budget: readonly BudgetTotals[], baseCurrency: string): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const line of budget) {
    const currency = line.planned.currency;
    const total = totals.get(currency) ?? {
      currency,
      planned: { minor: 0, currency },
      committed: { minor: 0, currency },
      spent: { minor: 0, currency },
    };
    total.planned.minor += line.planned.minor;
    total.committed.minor += line.committed.minor;
    total.spent.minor += line.spent.minor;
    totals.set(currency, total);
  }
  return [...totals.values()].sort((a, b) =>
    a.currency === baseCurrency ? -1 : b.currency === baseCurrency ? 1 : a.currency.localeCompare(b.currency),
  );
}

/** A share as a whole percentage, 0 when there is nothing to share. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return part > 0 ? 100 : 0;
  return Math.round((part / whole) * 100);
}

/** Bar width in percent, clamped to 0–100. */
export function barWidth(part: number, whole: number): number {
  return Math.max(0, Math.min(100, percent(part, whole)));
}

/** Days from `today` to `date`, both "YYYY-MM-DD". */
export function daysUntil(today: string, date: string): number {
  const at = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((at(date) - at(today)) / 86_400_000);
}

/** Where the summit is in time, as of `today` in its zone: "Starts in 45 days", "Day 2 of 3", "Ended 3 days ago". */
export function summitWhen(summit: Pick<Summit, "start_date" | "end_date">, today: string): string {
  const toStart = daysUntil(today, summit.start_date);
  const toEnd = daysUntil(today, summit.end_date);
  const length = daysUntil(summit.start_date, summit.end_date) + 1;
  if (toStart > 1) return `Starts in ${formatCount(toStart)} days`;
  if (toStart === 1) return "Starts tomorrow";
  if (toEnd >= 0) return length > 1 ? `Day ${String(1 - toStart)} of ${String(length)}` : "Today";
  if (toEnd === -1) return "Ended yesterday";
  return `Ended ${formatCount(-toEnd)} days ago`;
}

/** How many records there are, as the tiles show them. */
export function tiles(counts: Counts): { label: string; value: number; detail: string | null; section: SectionId }[] {
  return [
    { label: "Sessions", value: counts.sessions, detail: null, section: "timeline" },
    { label: "Socials", value: counts.socials, detail: null, section: "socials" },
    { label: "Speakers", value: counts.speakers, detail: null, section: "speakers" },
    { label: "Travel requests", value: counts.travel_requests, detail: counts.travel_to_review > 0 ? `${formatCount(counts.travel_to_review)} to review` : null, section: "travel" },
    { label: "Shipments", value: counts.shipments, detail: counts.shipments_not_sent > 0 ? `${formatCount(counts.shipments_not_sent)} not sent` : null, section: "swag" },
    { label: "Milestones", value: counts.milestones, detail: counts.cancelled > 0 ? `${formatCount(counts.cancelled)} cancelled gatherings` : null, section: "timeline" },
  ];
}

/** An RRULE as a few words: "FREQ=MONTHLY;BYDAY=1TH" → "Monthly". */
export function recurrenceText(rule: string | null): string | null {
  if (!rule) return null;
  const freq = /FREQ=(\w+)/i.exec(rule)?.[1]?.toUpperCase();
  const interval = Number(/INTERVAL=(\d+)/i.exec(rule)?.[1] ?? "1");
  const words: Record<string, [string, string]> = {
    DAILY: ["Daily", "days"],
    WEEKLY: ["Weekly", "weeks"],
    MONTHLY: ["Monthly", "months"],
    YEARLY: ["Yearly", "years"],
  };
  const word = freq ? words[freq] : undefined;
  if (!word) return "Repeats";
  return interval > 1 ? `Every ${String(interval)} ${word[1]}` : word[0];
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(defaultLocale(), { ...options, timeZone: "UTC" });
    dayFormats.set(key, format);
  }
  return format;
}

/** The date of a local "YYYY-MM-DD…" as the parts of a calendar leaf: "Tue", "5", "Jan". */
export function calendarLeaf(local: string): { weekday: string; day: string; month: string } {
  const y = +local.slice(0, 4);
  const m = +local.slice(5, 7);
  const d = +local.slice(8, 10);
  if (!y || !m || !d) return { weekday: "", day: local.slice(0, 10), month: "" };
  const date = new Date(Date.UTC(y, m - 1, d));
  return {
    weekday: dayFormat("weekday", { weekday: "short" }).format(date),
    day: String(d),
    month: dayFormat("month", { month: "short" }).format(date),
  };
}
