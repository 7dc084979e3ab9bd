// The plain logic behind the Travel screen: the form's draft (one amount per category, as text),
// what the core is sent, where its errors land, and the texts the list shows.
import type {
  Money,
  Speaker,
  TravelCategory,
  TravelRequest,
  TravelRequestForm,
} from "../bindings/commands";
import { formatDateRange, formatDate } from "../lib/format";
import { amountText, orNull } from "../lib/formValues";
import { toFormErrors, type FormErrors } from "../lib/formErrors";

export const CATEGORIES: readonly TravelCategory[] = ["airfare", "lodging", "ground", "visa", "other"];

export const CATEGORY_LABELS: Readonly<Record<TravelCategory, string>> = {
  airfare: "Airfare",
  lodging: "Lodging",
  ground: "Ground transport",
  visa: "Visa",
  other: "Other",
};

/** What the travel form's inputs hold: amounts as typed, blank for "not requested". */
export interface TravelDraft {
  speaker_id: number | null;
  currency: string;
  origin_city: string;
  origin_country: string;
  depart_on: string;
  return_on: string;
  lodging_nights: number | null;
  notes: string;
  amounts: Record<TravelCategory, string>;
}

/**
 * The inputs of the travel form, named as the core's errors name them: the TravelRequestForm keys,
 * each category for its amount, and "items" for the amounts as a whole.
 */
export const TRAVEL_FIELDS: readonly string[] = [
  "speaker_id",
  "currency",
  "origin_city",
  "origin_country",
  "depart_on",
  "return_on",
  "lodging_nights",
  "notes",
  "items",
  ...CATEGORIES,
];

function noAmounts(): Record<TravelCategory, string> {
  return { airfare: "", lodging: "", ground: "", visa: "", other: "" };
}

export function emptyTravelDraft(currency: string): TravelDraft {
  return {
    speaker_id: null,
    currency,
    origin_city: "",
    origin_country: "",
    depart_on: "",
    return_on: "",
    lodging_nights: null,
    notes: "",
    amounts: noAmounts(),
  };
}

export function draftFromRequest(r: TravelRequest): TravelDraft {
  const amounts = noAmounts();
  for (const item of r.items) amounts[item.category] = amountText(item.requested);
  return {
    speaker_id: r.speaker_id,
    currency: r.currency,
    origin_city: r.origin_city ?? "",
    origin_country: r.origin_country ?? "",
    depart_on: r.depart_on ?? "",
    return_on: r.return_on ?? "",
    lodging_nights: r.lodging_nights,
    notes: r.notes ?? "",
    amounts,
  };
}


/**
 * What the core is sent. Every category goes with its text; the core skips the blank ones. A request
 * without a speaker goes as speaker 0, which the core refuses on its "speaker" field.
 */
export function toTravelForm(draft: TravelDraft, summitId: number): TravelRequestForm {
  return {
    summit_id: summitId,
    speaker_id: draft.speaker_id ?? 0,
    currency: draft.currency.trim(),
    origin_city: orNull(draft.origin_city),
    origin_country: orNull(draft.origin_country),
    depart_on: orNull(draft.depart_on),
    return_on: orNull(draft.return_on),
    lodging_nights: typeof draft.lodging_nights === "number" && Number.isFinite(draft.lodging_nights) ? draft.lodging_nights : null,
    notes: orNull(draft.notes),
    items: CATEGORIES.map((category) => ({ category, amount: draft.amounts[category].trim() })),
  };
}

/** Where a failure shows on the travel form: the core's "speaker" is the speaker select. */
export function travelFormErrors(error: unknown): FormErrors {
  const errors = toFormErrors(error, [...TRAVEL_FIELDS, "speaker"]);
  const speaker = errors.fields.speaker;
  if (speaker !== undefined) {
    delete errors.fields.speaker;
    errors.fields.speaker_id = speaker;
  }
  return errors;
}

/** The sum of what a request asks for, in its currency. */
export function requestedTotal(r: Pick<TravelRequest, "currency" | "items">): Money {
  let minor = 0;
  for (const item of r.items) if (item.requested.currency === r.currency) minor += item.requested.minor;
  return { minor, currency: r.currency };
}

/** What requests ask for in all, one sum per currency, in the order the currencies first appear. */
export function sumTotals(requests: readonly Pick<TravelRequest, "currency" | "items">[]): Money[] {
  const sums = new Map<string, number>();
  for (const r of requests) {
    const total = requestedTotal(r);
    sums.set(total.currency, (sums.get(total.currency) ?? 0) + total.minor);
  }
  return [...sums].map(([currency, minor]) => ({ minor, currency }));
}

/** "Lisbon, PT", "Lisbon", "PT" or "". */
export function originText(r: Pick<TravelRequest, "origin_city" | "origin_country">): string {
  return [r.origin_city, r.origin_country].filter((part) => part !== null && part !== "").join(", ");
}

/** "10–14 Jun 2025", "from 10 Jun 2025", "until 14 Jun 2025" or "". */
export function travelDates(r: Pick<TravelRequest, "depart_on" | "return_on">): string {
  const { depart_on: depart, return_on: back } = r;
  if (depart && back) return formatDateRange(depart, back);
  if (depart) return `from ${formatDate(depart)}`;
  if (back) return `until ${formatDate(back)}`;
  return "";
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** A UTC instant ("2025-06-01T08:30:00Z") in the user's own zone: "1 Jun 2025, 10:30". */
export function formatInstant(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = locale ?? "";
  let format = instantFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
    instantFormats.set(key, format);
  }
  return format.format(date);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A UTC instant's day and time in the user's own zone, for a two-line cell. */
export function submittedParts(iso: string, locale?: string): { day: string; time: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { day: iso, time: "" };
  const key = locale ?? "";
  let day = dayFormats.get(key);
  if (day === undefined) {
    day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" });
    dayFormats.set(key, day);
  }
  let time = timeFormats.get(key);
  if (time === undefined) {
    time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
    timeFormats.set(key, time);
  }
  return { day: day.format(date), time: time.format(date) };
}

/** The speaker of a request by id, and the name shown for one that is gone. */
export function speakerName(speakers: ReadonlyMap<number, Speaker>, id: number): string {
  return speakers.get(id)?.name ?? `Speaker #${String(id)}`;
}
