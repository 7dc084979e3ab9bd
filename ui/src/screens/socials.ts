// The plain logic behind the Socials & meetups screen: the kind filter, the form's draft and how it
// becomes a GatheringForm, and the texts the list shows. No Svelte here, so it is unit-tested alone.
import type {
  Audience,
  GatheringForm,
  GatheringKind,
  GatheringStatus,
  GatheringView,
  Geo,
  Summit,
} from "../bindings/commands";
import { formatDate, formatDateRange, formatTime } from "../lib/format";
import { orNull } from "../lib/formValues";

// ---- the kind filter ---------------------------------------------------------------------------

/** What the "Show" selector offers; the value is the <option> value. */
export type KindFilter = "socials-meetups" | "all" | GatheringKind;

export const DEFAULT_KIND_FILTER: KindFilter = "socials-meetups";

export const KIND_FILTERS: readonly { value: KindFilter; label: string }[] = [
  { value: "socials-meetups", label: "Socials & meetups" },
  { value: "all", label: "All kinds" },
  { value: "session", label: "Sessions" },
  { value: "social", label: "Socials" },
  { value: "meetup", label: "Meetups" },
  { value: "milestone", label: "Milestones" },
];

export function isKindFilter(value: string): value is KindFilter {
  return KIND_FILTERS.some((option) => option.value === value);
}

/** The kinds a filter keeps; null for every kind. */
export function kindsOf(filter: KindFilter): readonly GatheringKind[] | null {
  switch (filter) {
    case "all":
      return null;
    case "socials-meetups":
      return ["social", "meetup"];
    default:
      return [filter];
  }
}

/**
 * The gatherings of the kinds `filter` keeps, in their order. "all" returns `items` itself (no
 * copy), so switching to it costs nothing on a 10,000-row list.
 */
export function filterByKind<T extends { kind: GatheringKind }>(items: readonly T[], filter: KindFilter): readonly T[] {
  const kinds = kindsOf(filter);
  if (kinds === null) return items;
  return items.filter((item) => kinds.includes(item.kind));
}

/** The kind a new gathering starts as while `filter` shows the list. */
export function kindForNew(filter: KindFilter, standalone: boolean): GatheringKind {
  if (standalone) return "meetup";
  switch (filter) {
    case "session":
    case "meetup":
    case "milestone":
      return filter;
    default:
      return "social";
  }
}

// ---- labels ------------------------------------------------------------------------------------

export const KIND_LABELS: Readonly<Record<GatheringKind, string>> = {
  session: "Session",
  social: "Social",
  meetup: "Meetup",
  milestone: "Milestone",
};

export const KINDS: readonly GatheringKind[] = ["social", "meetup", "milestone", "session"];

export const AUDIENCE_LABELS: Readonly<Record<Audience, string>> = {
  public: "Public",
  attendees: "Attendees",
  speakers: "Speakers",
  "invite-only": "Invite only",
  organisers: "Organisers",
};

export const AUDIENCES: readonly Audience[] = ["public", "attendees", "speakers", "invite-only", "organisers"];

export const STATUS_LABELS: Readonly<Record<GatheringStatus, string>> = {
  tentative: "Tentative",
  confirmed: "Confirmed",
  cancelled: "Cancelled",
};

export const STATUSES: readonly GatheringStatus[] = ["tentative", "confirmed", "cancelled"];

// ---- what the list shows -------------------------------------------------------------------------

export interface WhenParts {
  /** "Thu, 12 Jun 2025", or a date range across days. */
  day: string;
  /** "19:00–22:00", "19:00 → 02:00" across days, one time for an instant. */
  time: string;
}

/** The day and times of a gathering, read as the wall clock of its own zone (never shifted). */
export function whenParts(startLocal: string, endLocal: string, locale?: string): WhenParts {
  const startDay = startLocal.slice(0, 10);
  const endDay = endLocal.slice(0, 10);
  const sameDay = startDay === endDay;
  const day = sameDay ? formatDate(startLocal, { weekday: true, locale }) : formatDateRange(startDay, endDay, locale);
  const from = formatTime(startLocal, locale);
  let time: string;
  if (startLocal === endLocal) time = from;
  else if (sameDay) time = `${from}–${formatTime(endLocal, locale)}`;
  else time = `${from} → ${formatTime(endLocal, locale)}`;
  return { day, time };
}

// The list formats each gathering once, however often the table asks (sorts, kind changes).
const whenCache = new WeakMap<GatheringView, WhenParts>();

export function gatheringWhen(g: GatheringView): WhenParts {
  let parts = whenCache.get(g);
  if (parts === undefined) {
    parts = whenParts(g.start_local, g.end_local);
    whenCache.set(g, parts);
  }
  return parts;
}

let calendarNames: { months: string[]; weekdays: string[] } | null = null;

/** The user's short month and weekday names, asked of Intl once. */
function names(): { months: string[]; weekdays: string[] } {
  if (calendarNames === null) {
    const month = new Intl.DateTimeFormat(undefined, { month: "short", timeZone: "UTC" });
    const weekday = new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: "UTC" });
    calendarNames = {
      months: Array.from({ length: 12 }, (_, m) => month.format(Date.UTC(2021, m, 1))),
      // 3 January 2021 was a Sunday, getUTCDay() 0.
      weekdays: Array.from({ length: 7 }, (_, d) => weekday.format(Date.UTC(2021, 0, 3 + d))),
    };
  }
  return calendarNames;
}

/**
 * What the filter finds a gathering's day and time by: "Tue 5 Jan 2027 19:00", in the user's
 * month and weekday names. Built without Intl per row, so the 10,000 rows of a large summit are
 * indexed in a few milliseconds; the cell shows the properly formatted `gatheringWhen`.
 */
export function whenSearchText(startLocal: string): string {
  const year = Number(startLocal.slice(0, 4));
  const month = Number(startLocal.slice(5, 7));
  const day = Number(startLocal.slice(8, 10));
  if (!Number.isInteger(year) || month < 1 || month > 12 || !Number.isInteger(day)) return startLocal;
  const { months, weekdays } = names();
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? "";
  return `${weekday} ${String(day)} ${months[month - 1] ?? ""} ${String(year)} ${startLocal.slice(11, 16)}`;
}

/** The city of an IANA zone, for a narrow cell: "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(tz: string): string {
  const city = tz.slice(tz.lastIndexOf("/") + 1);
  return city.replace(/_/g, " ");
}

/** Where: "Le Sirius · Room 2", or "" when neither is known. */
export function placeText(g: Pick<GatheringView, "venue" | "room">): string {
  return [g.venue, g.room].filter((part) => part !== null && part !== "").join(" · ");
}

/** "90 / 150" (expected of capacity), "— / 150", "90", or "—". */
export function headcountText(g: Pick<GatheringView, "capacity" | "expected_headcount">): string {
  const { capacity, expected_headcount: expected } = g;
  if (capacity === null && expected === null) return "—";
  if (capacity === null) return String(expected);
  return `${expected === null ? "—" : String(expected)} / ${String(capacity)}`;
}

/** Whether more people are expected than the venue holds. */
export function overCapacity(g: Pick<GatheringView, "capacity" | "expected_headcount">): boolean {
  return g.capacity !== null && g.expected_headcount !== null && g.expected_headcount > g.capacity;
}

// ---- the form ------------------------------------------------------------------------------------

/** What the form's inputs hold: text as typed, numbers from number inputs (null when blank). */
export interface GatheringDraft {
  kind: GatheringKind;
  title: string;
  description: string;
  start: string;
  end: string;
  tz: string;
  venue: string;
  room: string;
  url: string;
  /** "latitude, longitude" as maps copy it. */
  geo: string;
  track: string;
  capacity: number | null;
  expected_headcount: number | null;
  audience: Audience;
  status: GatheringStatus;
  recurrence: string;
}

/** The inputs of the gathering form, named as the GatheringForm keys the core's errors name. */
export const GATHERING_FIELDS: readonly (keyof GatheringForm)[] = [
  "kind",
  "title",
  "description",
  "start",
  "end",
  "tz",
  "venue",
  "room",
  "url",
  "geo",
  "track",
  "capacity",
  "expected_headcount",
  "audience",
  "status",
  "recurrence",
];

const DEFAULT_AUDIENCE: Readonly<Record<GatheringKind, Audience>> = {
  social: "attendees",
  meetup: "public",
  session: "attendees",
  milestone: "organisers",
};

/** The user's own zone, for meetups that belong to no summit. */
export function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return "UTC";
  }
}

/** "YYYY-MM-DD" of the day after `today` (a local calendar date). */
function nextDay(today: Date): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A new gathering's draft: at a summit on its first day (a social 19:00–22:00) in the summit's
 * zone; standing alone, a meetup tomorrow evening in the user's zone.
 */
export function newGatheringDraft(summit: Summit | null, kind: GatheringKind, today: Date = new Date()): GatheringDraft {
  const day = summit ? summit.start_date : nextDay(today);
  const [from, to] = (() => {
    if (!summit) return ["18:30", "21:00"];
    switch (kind) {
      case "session":
        return ["10:00", "11:00"];
      case "milestone":
        return ["09:00", "09:00"];
      default:
        return ["19:00", "22:00"];
    }
  })();
  return {
    kind,
    title: "",
    description: "",
    start: `${day}T${from}`,
    end: `${day}T${to}`,
    tz: summit?.tz ?? localZone(),
    venue: "",
    room: "",
    url: "",
    geo: "",
    track: "",
    capacity: null,
    expected_headcount: null,
    audience: DEFAULT_AUDIENCE[kind],
    status: "tentative",
    recurrence: "",
  };
}

/** A map position as the form shows it and the core reads it back: "latitude, longitude". */
export function geoText(geo: Geo | null): string {
  const [latitude, longitude] = [geo?.latitude ?? null, geo?.longitude ?? null];
  return latitude !== null && longitude !== null ? `${String(latitude)}, ${String(longitude)}` : "";
}

/** The draft of a stored gathering: its local times as the form edits them. */
export function draftFromView(g: GatheringView): GatheringDraft {
  return {
    kind: g.kind,
    title: g.title,
    description: g.description ?? "",
    start: g.start_local,
    end: g.end_local,
    tz: g.tz,
    venue: g.venue ?? "",
    room: g.room ?? "",
    url: g.url ?? "",
    geo: geoText(g.geo),
    track: g.track ?? "",
    capacity: g.capacity,
    expected_headcount: g.expected_headcount,
    audience: g.audience,
    status: g.status,
    recurrence: g.recurrence ?? "",
  };
}


function count(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** What the core is sent: blank optional text as null, the summit it belongs to (null alone). */
export function toGatheringForm(draft: GatheringDraft, summitId: number | null): GatheringForm {
  return {
    summit_id: summitId,
    kind: draft.kind,
    title: draft.title,
    description: orNull(draft.description),
    start: draft.start,
    end: draft.end,
    tz: draft.tz.trim(),
    venue: orNull(draft.venue),
    room: orNull(draft.room),
    url: orNull(draft.url),
    geo: orNull(draft.geo),
    track: orNull(draft.track),
    capacity: count(draft.capacity),
    expected_headcount: count(draft.expected_headcount),
    audience: draft.audience,
    status: draft.status,
    recurrence: orNull(draft.recurrence),
  };
}

let zones: readonly string[] | null = null;

/** The IANA zones this engine knows, for the zone input's suggestions. */
export function timeZones(): readonly string[] {
  if (zones === null) {
    try {
      zones = Intl.supportedValuesOf("timeZone");
    } catch {
      zones = [];
    }
  }
  return zones;
}
