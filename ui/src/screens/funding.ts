// The plain logic behind travel funding on the Travel screen: the ranked list's filters, the
// approve dialog's draft and what it sends, the request's actions as buttons, and the audit
// history as readable lines. The core decides everything; this only shapes what it is sent and
// what it answers.
import type {
  ApprovalForm,
  AuditEntry,
  BookingForm,
  PaymentForm,
  TravelAction,
  TravelCategory,
  TravelDetail,
  TravelPolicy,
  TravelPolicyForm,
  TravelRow,
  TravelStatus,
} from "../bindings/commands";
import { formatMoney } from "../lib/format";
import { amountText, orNull } from "../lib/formValues";
import { CATEGORIES, CATEGORY_LABELS } from "./travel";

/** Every status, in the order of the state machine. */
export const STATUSES: readonly TravelStatus[] = [
  "submitted",
  "under-review",
  "waitlisted",
  "approved",
  "denied",
  "accepted",
  "declined",
  "expired",
  "booked",
  "reimbursed",
  "withdrawn",
];

/** What the ranked list shows: a status, a country, only first-time speakers. */
export interface RowFilter {
  status: TravelStatus | "";
  country: string;
  firstTime: boolean;
}

export function noRowFilter(): RowFilter {
  return { status: "", country: "", firstTime: false };
}

export function filterRows(rows: readonly TravelRow[], filter: RowFilter): TravelRow[] {
  return rows.filter(
    (r) =>
      (filter.status === "" || r.status === filter.status) &&
      (filter.country === "" || r.country === filter.country) &&
      (!filter.firstTime || r.first_time),
  );
}

/** The countries requests come from, sorted, for the country filter. */
export function countriesOf(rows: readonly TravelRow[]): string[] {
  return [...new Set(rows.map((r) => r.country).filter((c): c is string => c !== null && c !== ""))].sort();
}

/** The line under a speaker's name: where they travel from and whether they are new ("GB · First-time speaker"). */
export function speakerDetail(row: Pick<TravelRow, "country" | "first_time">): string {
  return [row.country ?? "", row.first_time ? "First-time speaker" : ""].filter((part) => part !== "").join(" · ");
}

/** "4.5 (2 reviews)", or "—" without reviews. */
export function scoreText(row: Pick<TravelRow, "score" | "reviews">): string {
  if (row.score === null || row.reviews === 0) return "—";
  const score = Number.isInteger(row.score) ? String(row.score) : row.score.toFixed(1);
  return `${score} (${String(row.reviews)} ${row.reviews === 1 ? "review" : "reviews"})`;
}

/** How a move shows on its button. */
export const ACTION_LABELS: Readonly<Record<TravelAction, string>> = {
  "start-review": "Start review",
  approve: "Approve…",
  waitlist: "Waitlist…",
  deny: "Deny…",
  accept: "Offer accepted",
  decline: "Offer declined…",
  expire: "Expire offer",
  book: "Record booking…",
  reimburse: "Record payment…",
  withdraw: "Withdraw…",
};

/** The moves that ask for a reason first, and whether it is required. */
export const REASON_ACTIONS: Readonly<Partial<Record<TravelAction, { required: boolean; prompt: string }>>> = {
  waitlist: { required: false, prompt: "Why is it waitlisted? (optional)" },
  deny: { required: true, prompt: "Why is it denied? The speaker may ask." },
  decline: { required: false, prompt: "Why did the speaker decline? (optional)" },
  withdraw: { required: false, prompt: "Why is it withdrawn? (optional)" },
};

/** The approve dialog's inputs: one approved amount per category, as typed. */
export interface ApprovalDraft {
  amounts: Record<TravelCategory, string>;
  rate: string;
  override_reason: string;
  accept_by: string;
}

/**
 * The draft the approve dialog opens with: the current approved amounts when changing an
 * approval, else what was requested (the core then checks them against the caps).
 */
export function approvalDraft(detail: TravelDetail): ApprovalDraft {
  const amounts: Record<TravelCategory, string> = { airfare: "", lodging: "", ground: "", visa: "", other: "" };
  for (const category of CATEGORIES) {
    const approved = detail.approval?.items.find((i) => i.category === category)?.approved;
    const requested = detail.request.items.find((i) => i.category === category)?.requested;
    amounts[category] = amountText(approved ?? requested ?? { minor: 0, currency: detail.request.currency });
  }
  return { amounts, rate: "", override_reason: "", accept_by: "" };
}

/** What the core is sent: every category with its text (blank: as requested). */
export function toApprovalForm(draft: ApprovalDraft): ApprovalForm {
  return {
    amounts: CATEGORIES.map((category) => ({ category, amount: draft.amounts[category].trim() })),
    rate: orNull(draft.rate),
    override_reason: orNull(draft.override_reason),
    accept_by: orNull(draft.accept_by),
  };
}

/** The inputs of the approve dialog, named as the core's errors name them. */
export const APPROVAL_FIELDS: readonly string[] = [...CATEGORIES, "rate", "override_reason", "accept_by", "pool"];

export interface BookingDraft {
  flight_ref: string;
  hotel_ref: string;
  arrive: string;
  depart: string;
  nights: number | null;
}

export function toBookingForm(draft: BookingDraft, tz: string): BookingForm {
  return {
    flight_ref: orNull(draft.flight_ref),
    hotel_ref: orNull(draft.hotel_ref),
    arrive: draft.arrive,
    depart: draft.depart,
    tz,
    nights: typeof draft.nights === "number" && Number.isFinite(draft.nights) ? draft.nights : null,
  };
}

export const BOOKING_FIELDS: readonly string[] = ["flight_ref", "hotel_ref", "arrive", "depart", "nights", "tz"];

export interface PaymentDraft {
  paid_on: string;
  amount: string;
  rate: string;
  reference: string;
  last: boolean;
}

export function toPaymentForm(draft: PaymentDraft): PaymentForm {
  return {
    paid_on: draft.paid_on,
    amount: draft.amount.trim(),
    rate: orNull(draft.rate),
    reference: orNull(draft.reference),
    last: draft.last,
  };
}

export const PAYMENT_FIELDS: readonly string[] = ["paid_on", "amount", "rate", "reference"];

/** What is left to pay on an approval: approved minus paid, in the request's currency. */
export function leftToPay(detail: TravelDetail): string {
  const approved = detail.approval?.total;
  if (!approved) return "";
  return formatMoney({ minor: approved.minor - detail.row.reimbursed.minor, currency: approved.currency });
}

/** The policy form's inputs. */
export type PolicyDraft = Omit<TravelPolicyForm, "summit_id" | "currency" | "airfare_domestic" | "airfare_international" | "domestic_country"> & {
  airfare_domestic: string;
  airfare_international: string;
  domestic_country: string;
};

export function policyDraft(policy: TravelPolicy | null): PolicyDraft {
  if (!policy) {
    return {
      pool: "",
      airfare: "",
      airfare_domestic: "",
      airfare_international: "",
      domestic_country: "",
      lodging_per_night: "",
      lodging_max_nights: null,
      ground: "0",
      visa: "0",
      other: "0",
      accept_by_days: 14,
      review_min: 1,
      review_max: 5,
    };
  }
  return {
    pool: amountText(policy.pool),
    airfare: amountText(policy.airfare_cap),
    airfare_domestic: amountText(policy.airfare_domestic_cap),
    airfare_international: amountText(policy.airfare_international_cap),
    domestic_country: policy.domestic_country ?? "",
    lodging_per_night: amountText(policy.lodging_per_night),
    lodging_max_nights: policy.lodging_max_nights,
    ground: amountText(policy.ground_cap),
    visa: amountText(policy.visa_cap),
    other: amountText(policy.other_cap),
    accept_by_days: policy.accept_by_days,
    review_min: policy.review_min,
    review_max: policy.review_max,
  };
}

function whole(n: number | null): number | null {
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

export function toPolicyForm(draft: PolicyDraft, summitId: number, currency: string): TravelPolicyForm {
  return {
    summit_id: summitId,
    currency,
    pool: draft.pool.trim(),
    airfare: draft.airfare.trim(),
    airfare_domestic: orNull(draft.airfare_domestic),
    airfare_international: orNull(draft.airfare_international),
    domestic_country: orNull(draft.domestic_country),
    lodging_per_night: draft.lodging_per_night.trim(),
    lodging_max_nights: whole(draft.lodging_max_nights),
    ground: draft.ground.trim(),
    visa: draft.visa.trim(),
    other: draft.other.trim(),
    accept_by_days: whole(draft.accept_by_days) ?? 0,
    review_min: whole(draft.review_min) ?? 0,
    review_max: whole(draft.review_max) ?? 0,
  };
}

export const POLICY_FIELDS: readonly string[] = [
  "pool",
  "airfare",
  "airfare_domestic",
  "airfare_international",
  "domestic_country",
  "lodging_per_night",
  "lodging_max_nights",
  "ground",
  "visa",
  "other",
  "accept_by_days",
  "review_min",
  "review_max",
];

const ACTION_WORDS: Readonly<Record<string, string>> = {
  "organiser-add": "added as organiser",
  "policy-set": "set the travel policy",
  "policy-change": "changed the travel policy",
  "start-review": "started the review",
  score: "scored",
  approve: "approved",
  amend: "changed the approved amounts",
  confirm: "confirmed the changed amounts",
  waitlist: "waitlisted",
  deny: "denied",
  accept: "recorded the offer as accepted",
  decline: "recorded the offer as declined",
  expire: "expired the offer",
  book: "recorded the booking",
  rebook: "changed the booking",
  receipt: "attached a receipt",
  pay: "recorded a payment",
  withdraw: "withdrew the request",
};

/** One audit row as a sentence: "Rosa Martínez approved 1350.00 EUR". */
export function historyLine(entry: AuditEntry): string {
  const what = ACTION_WORDS[entry.action] ?? entry.action;
  const amount = entry.amount ? ` ${formatMoney(entry.amount)}` : "";
  return `${entry.actor} ${what}${amount}`;
}

/** The particulars of an audit row worth showing, as "key: value" parts. */
export function historyDetails(entry: AuditEntry): string[] {
  if (!entry.details) return [];
  let details: unknown;
  try {
    details = JSON.parse(entry.details);
  } catch {
    return [];
  }
  if (typeof details !== "object" || details === null) return [];
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  const approved = d.approved;
  if (typeof approved === "object" && approved !== null) {
    for (const [category, amount] of Object.entries(approved as Record<string, unknown>)) {
      const label = category in CATEGORY_LABELS ? CATEGORY_LABELS[category as TravelCategory] : category;
      parts.push(`${label} ${String(amount)}`);
    }
  }
  const keys: [string, string][] = [
    ["rate", "rate"],
    ["total_base", "in the summit's currency"],
    ["pool_remaining_after", "pool left after"],
    ["accept_by", "accept by"],
    ["score", "score"],
    ["arrive_at", "arrives"],
    ["depart_at", "leaves"],
    ["file_name", "file"],
    ["sha256", "SHA-256"],
    ["paid_on", "paid on"],
    ["paid_total", "paid in all"],
  ];
  for (const [key, label] of keys) {
    const value = d[key];
    if (typeof value === "string" || typeof value === "number") parts.push(`${label} ${String(value)}`);
  }
  if (d.pending === true) parts.push("waits for confirmation");
  if (d.over_pool === true) parts.push("over the pool (override)");
  return parts;
}

/** A UTC instant as "2026-05-01 10:00 UTC": audit times are shown as recorded. */
export function utcText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** A UTC instant as wall-clock time in `tz`: "9 Jun 2026, 15:00". */
export function inZone(iso: string, tz: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = `${locale ?? ""}|${tz}`;
  let format = zoneFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: tz,
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    zoneFormats.set(key, format);
  }
  return format.format(date);
}
