// Plain helpers of the summit form and the shell: slugs, time zones, currencies.
import type { Summit, SummitForm } from "../bindings/commands";
import { amountText } from "../lib/formValues";

/** A slug the core accepts, suggested from a name: "RustFest Zürich 2026" → "rustfest-zurich-2026". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/g, "");
}

/** The machine's time zone, as the default of a new summit. */
export function systemZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

let zones: string[] | null = null;

/** Every IANA zone the engine knows, for the zone field's suggestions. */
export function timeZones(): string[] {
  if (zones) return zones;
  // Missing from older engines (Safari before 15.4), though the types say it is always there.
  const intl = Intl as Omit<typeof Intl, "supportedValuesOf"> & { supportedValuesOf?: (key: "timeZone") => string[] };
  try {
    zones = intl.supportedValuesOf ? intl.supportedValuesOf("timeZone") : [];
  } catch {
    zones = [];
  }
  if (!zones.includes("UTC")) zones = [...zones, "UTC"];
  return zones;
}

/** Currencies people most often plan in, suggested by the currency field; any ISO 4217 code is accepted. */
/** A new summit's form. */
export function emptySummitForm(): SummitForm {
  return { name: "", slug: "", city: null, venue: null, tz: systemZone(), start: "", end: "", currency: "EUR", budget: null };
}

/** A stored summit as its form, amounts as exact decimal text. */
export function summitToForm(summit: Summit): SummitForm {
  return {
    name: summit.name,
    slug: summit.slug,
    city: summit.city,
    venue: summit.venue,
    tz: summit.tz,
    start: summit.start_date,
    end: summit.end_date,
    currency: summit.currency,
    budget: summit.budget ? amountText(summit.budget) : null,
  };
}

