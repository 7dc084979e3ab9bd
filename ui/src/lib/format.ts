// Display formatting: money from integer minor units, and the venue-local date-times the core
// stores ("YYYY-MM-DDTHH:MM", already in the venue's zone). Nothing here converts between zones:
// a local date-time is formatted as the wall-clock time it names, whatever zone the machine is in.
//
// Every function takes an optional BCP 47 locale; the default is the user's.

/** `roadie_core::Money`: an integer amount of minor units and an ISO 4217 code. */
export interface MoneyValue {
  minor: number | bigint;
  currency: string;
}

type Locale = string | undefined;

let userLocale: Locale | null = null;

/**
 * The locale to use when none is given: the user's, except that the POSIX "C" locale (a desktop
 * session or a test run with LANG=C) reads as plain English rather than ICU's en-US-POSIX, which
 * groups no digits ("€ 250000.00").
 */
export function defaultLocale(): Locale {
  if (userLocale === null) {
    let resolved = "";
    try {
      resolved = new Intl.NumberFormat().resolvedOptions().locale;
    } catch {
      // keep the engine's default
    }
    userLocale = /posix/i.test(resolved) ? "en-US" : undefined;
  }
  return userLocale;
}

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

// ---- numbers and money -------------------------------------------------------------------------

/**
 * ISO 4217 minor units where CLDR (which Intl follows) displays a different number of decimals.
 * The core counts minor units by ISO 4217, so these must win: 12345 HUF minor units are 123.45 HUF,
 * not 12,345 HUF.
 */
const ISO_EXPONENT_OVERRIDES: Readonly<Record<string, number>> = {
  AFN: 2, ALL: 2, COP: 2, HUF: 2, IDR: 2, IQD: 3, IRR: 2, KPW: 2,
  LAK: 2, LBP: 2, MGA: 2, MMK: 2, PKR: 2, SOS: 2, SYP: 2, YER: 2,
};

const exponents = new Map<string, number>();

/** Decimal places of a currency's minor unit: JPY 0, EUR 2, BHD 3. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  return cached(exponents, code, () => {
    const override = ISO_EXPONENT_OVERRIDES[code];
    if (override !== undefined) return override;
    try {
      const format = new Intl.NumberFormat("en", { style: "currency", currency: code });
      return format.resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      return 2; // not a well-formed code; formatMoney shows it as text
    }
  });
}

/** An integer amount of minor units as an exact decimal string: (-123456, 2) → "-1234.56". */
export function minorToDecimal(minor: number | bigint, exponent: number): `${number}` {
  const whole = typeof minor === "bigint" ? minor : BigInt(Math.trunc(minor));
  const negative = whole < 0n;
  const digits = (negative ? -whole : whole).toString().padStart(exponent + 1, "0");
  const cut = digits.length - exponent;
  const text = exponent > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits;
  return `${negative ? "-" : ""}${text}` as `${number}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

export interface MoneyOptions {
  locale?: string;
  /** "always" to show "+" on positive amounts (changes, differences). */
  signDisplay?: "auto" | "always" | "exceptZero";
}

/** Money as the user reads it: {minor: 25000000, currency: "EUR"} → "€250,000.00". */
export function formatMoney({ minor, currency }: MoneyValue, options: MoneyOptions = {}): string {
  const code = currency.toUpperCase();
  const exponent = currencyExponent(code);
  if (typeof minor === "number" && !Number.isFinite(minor)) return `${String(minor)} ${code}`;
  const decimal = minorToDecimal(minor, exponent);
  const signDisplay = options.signDisplay ?? "auto";
  try {
    const locale = options.locale ?? defaultLocale();
    const format = cached(moneyFormats, `${locale ?? ""}|${code}|${signDisplay}`, () => {
      return new Intl.NumberFormat(locale, {
        style: "currency",
        currency: code,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
        signDisplay,
      });
    });
    // A numeric string formats exactly where Intl.NumberFormat v3 is supported.
    return format.format(decimal);
  } catch {
    return `${decimal} ${code}`;
  }
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** A count with the locale's grouping: 10000 → "10,000". */
export function formatCount(value: number, locale: string | undefined = defaultLocale()): string {
  return cached(countFormats, locale ?? "", () => new Intl.NumberFormat(locale)).format(value);
}

// ---- dates and times ---------------------------------------------------------------------------

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Whether the string had a time part. */
  hasTime: boolean;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** "2025-06-12", "2025-06-12T18:30" or "2025-06-12T18:30:15" as its parts; null if it is none. */
export function parseLocal(text: string): LocalDateTime | null {
  const match = LOCAL.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    hasTime: h !== undefined,
  };
  const date = wallClock(parts);
  // Reject 2025-02-30, 25:00 and the like rather than rolling them over.
  if (
    date.getUTCFullYear() !== parts.year ||
    date.getUTCMonth() !== parts.month - 1 ||
    date.getUTCDate() !== parts.day ||
    date.getUTCHours() !== parts.hour ||
    date.getUTCMinutes() !== parts.minute
  ) {
    return null;
  }
  return parts;
}

/**
 * The wall-clock instant as a Date whose UTC fields are the local fields. Only for formatting with
 * timeZone "UTC", which then prints exactly the fields given.
 */
function wallClock(parts: LocalDateTime): Date {
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return date;
}

const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };
const WEEKDAY_DATE: Intl.DateTimeFormatOptions = { weekday: "short", ...DATE };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...WEEKDAY_DATE, ...TIME };

const dateFormats = new Map<string, Intl.DateTimeFormat>();

const twelveHours = new Map<string, boolean>();

/** Whether the locale writes times on a 12-hour clock ("6:30 PM"). */
function usesTwelveHours(locale: Locale): boolean {
  return cached(twelveHours, locale ?? "", () => {
    const cycle = new Intl.DateTimeFormat(locale, { hour: "numeric" }).resolvedOptions().hourCycle;
    return cycle === "h11" || cycle === "h12";
  });
}

function dateFormat(given: Locale, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = given ?? defaultLocale();
  return cached(dateFormats, `${locale ?? ""}|${name}`, () => {
    // "6:30 PM" on a 12-hour clock, not "06:30 PM"; "06:30" on a 24-hour one.
    const hour = options.hour && usesTwelveHours(locale) ? { hour: "numeric" as const } : {};
    return new Intl.DateTimeFormat(locale, { ...options, ...hour, timeZone: "UTC" });
  });
}

export interface DateOptions {
  locale?: string;
  /** Include the weekday: "Thu, 12 Jun 2025". */
  weekday?: boolean;
}

function withParsed(text: string, render: (parts: LocalDateTime) => string): string {
  const parts = parseLocal(text);
  return parts ? render(parts) : text;
}

/** The date of "2025-06-12" or "2025-06-12T18:30": "12 Jun 2025". Unparseable input comes back as is. */
export function formatDate(text: string, options: DateOptions = {}): string {
  return withParsed(text, (parts) => {
    const format = options.weekday
      ? dateFormat(options.locale, "weekday-date", WEEKDAY_DATE)
      : dateFormat(options.locale, "date", DATE);
    return format.format(wallClock(parts));
  });
}

/** The time of "2025-06-12T18:30": "18:30" (or "6:30 PM", by locale). */
export function formatTime(text: string, locale?: string): string {
  return withParsed(text, (parts) => dateFormat(locale, "time", TIME).format(wallClock(parts)));
}

/** "2025-06-12T18:30" as "Thu, 12 Jun 2025, 18:30"; a bare date as formatDate with weekday. */
export function formatDateTime(text: string, locale?: string): string {
  return withParsed(text, (parts) => {
    const format = parts.hasTime ? dateFormat(locale, "date-time", DATE_TIME) : dateFormat(locale, "weekday-date", WEEKDAY_DATE);
    return format.format(wallClock(parts));
  });
}

function formatRange(start: string, end: string, locale: Locale, name: string, options: Intl.DateTimeFormatOptions): string {
  const a = parseLocal(start);
  const b = parseLocal(end);
  if (!a || !b) return `${start} – ${end}`;
  const from = wallClock(a);
  const to = wallClock(b);
  const format = dateFormat(locale, name, options);
  // formatRange rejects a range that ends before it starts.
  if (to.getTime() < from.getTime()) return `${format.format(from)} – ${format.format(to)}`;
  return format.formatRange(from, to);
}

/** Two dates as one range: "12–14 Jun 2025", "30 Jun – 2 Jul 2025"; one date when they are equal. */
export function formatDateRange(start: string, end: string, locale?: string): string {
  return formatRange(start, end, locale, "date", DATE);
}

/**
 * Two local date-times as one range: "Thu, 12 Jun 2025, 18:00 – 22:30" on one day,
 * both dates in full across days.
 */
export function formatDateTimeRange(start: string, end: string, locale?: string): string {
  return formatRange(start, end, locale, "date-time", DATE_TIME);
}
