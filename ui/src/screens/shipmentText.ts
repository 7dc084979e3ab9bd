// Shipments as the swag screen shows and edits them: where they go, what they carry, by when they
// must arrive, and the form's text fields to and from the core's ShipmentForm.
import {
  commands,
  type Finding,
  type GatheringView,
  type Shipment,
  type ShipmentForm,
  type ShipmentLine,
  type ShipmentStatus,
  type Summit,
  type SwagItem,
  type SwagVariant,
} from "../bindings/commands";
import { formatDate, formatTime } from "../lib/format";
import { amountText, orNull } from "../lib/formValues";

export const SHIPMENT_STATUSES: readonly ShipmentStatus[] = [
  "draft",
  "packed",
  "shipped",
  "in-transit",
  "delivered",
  "lost",
  "returned",
];

export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

/** The buffer a new shipment starts with: it must arrive this many days before doors open. */
export const DEFAULT_BUFFER_DAYS = 3;

/** The days in transit a new shipment starts with: not sent this long before, it is at risk. */
export const DEFAULT_TRANSIT_DAYS = 5;

/** The statuses a shipment's form offers: its own and those it can move to (all for a new one). */
export function statusChoices(shipment: Shipment | null): ShipmentStatus[] {
  return shipment ? [shipment.status, ...shipment.next_statuses] : [...SHIPMENT_STATUSES];
}

/** The words on the button that moves a shipment to a status. */
export const STATUS_ACTIONS: Readonly<Record<ShipmentStatus, string>> = {
  draft: "Back to draft",
  packed: "Packed",
  shipped: "Ship",
  "in-transit": "In transit",
  delivered: "Delivered",
  lost: "Lost",
  returned: "Returned",
};

/**
 * The shipment board's columns, in the order a parcel moves: shipped and in transit share "on the
 * way", lost and returned the last; a card in a shared column shows its own status.
 */
export const BOARD_COLUMNS: readonly { id: string; label: string; statuses: readonly ShipmentStatus[] }[] = [
  { id: "draft", label: "Draft", statuses: ["draft"] },
  { id: "packed", label: "Packed", statuses: ["packed"] },
  { id: "on-the-way", label: "On the way", statuses: ["shipped", "in-transit"] },
  { id: "delivered", label: "Delivered", statuses: ["delivered"] },
  { id: "ended", label: "Lost or returned", statuses: ["lost", "returned"] },
];

/** The planning checks' findings about each shipment, by its id. */
export function findingsByShipment(findings: readonly Finding[]): Map<number, Finding[]> {
  const byId = new Map<number, Finding[]>();
  for (const finding of findings) {
    for (const record of finding.records) {
      if (record.kind !== "shipment") continue;
      const list = byId.get(record.id) ?? [];
      if (!list.includes(finding)) list.push(finding);
      byId.set(record.id, list);
    }
  }
  return byId;
}

/** The word a card shows for what the checks found about it, the worst first. */
export function flagOf(found: readonly Finding[] | undefined): { label: string; tone: "danger" | "warning" } | null {
  if (!found) return null;
  if (found.some((f) => f.kind === "shipment-lost")) return { label: "Lost", tone: "danger" };
  if (found.some((f) => f.kind === "shipment-late")) return { label: "Late", tone: "danger" };
  if (found.some((f) => f.kind === "shipment-at-risk")) return { label: "At risk", tone: "warning" };
  return null;
}

export interface VariantEntry {
  item: SwagItem;
  variant: SwagVariant;
}

/** Every variant of every item by its id. */
export function variantIndex(items: readonly SwagItem[]): Map<number, VariantEntry> {
  const index = new Map<number, VariantEntry>();
  for (const item of items) for (const variant of item.variants) index.set(variant.id, { item, variant });
  return index;
}

/** "Summit t-shirt M"; an item's only variant named like the item is just the item. */
export function variantName(entry: VariantEntry | undefined, id: number): string {
  if (!entry) return `Variant #${id}`;
  const { item, variant } = entry;
  if (variant.label.trim() === "" || variant.label.trim().toLowerCase() === item.name.trim().toLowerCase()) return item.name;
  return `${item.name} ${variant.label}`;
}

/** "25 × Summit t-shirt S, 100 × Sticker sheet Logo"; "Nothing yet" for no contents. */
export function contentsSummary(contents: readonly ShipmentLine[], index: ReadonlyMap<number, VariantEntry>): string {
  if (contents.length === 0) return "Nothing yet";
  return contents.map((line) => `${line.quantity} × ${variantName(index.get(line.variant_id), line.variant_id)}`).join(", ");
}

/** How many shipments are in each status. */
export function countByStatus(shipments: readonly Shipment[]): ReadonlyMap<ShipmentStatus, number> {
  const counts = new Map<ShipmentStatus, number>();
  for (const s of shipments) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return counts;
}

/**
 * `list` after `saved` was stored: in place of the shipment with its id, or added at the end; left
 * out when the list is one summit's (`summitId`) and the shipment now goes elsewhere.
 */
export function upsertShipment(list: readonly Shipment[], saved: Shipment, summitId: number | null): Shipment[] {
  const belongs = summitId === null || saved.summit_id === summitId;
  const at = list.findIndex((s) => s.id === saved.id);
  if (at < 0) return belongs ? [...list, saved] : list.slice();
  if (!belongs) return list.filter((s) => s.id !== saved.id);
  const next = list.slice();
  next[at] = saved;
  return next;
}

/** How many pieces a shipment carries in all. */
export function pieceCount(contents: readonly ShipmentLine[]): number {
  return contents.reduce((sum, line) => sum + line.quantity, 0);
}

export interface Destination {
  /** Where it goes: the gathering, the summit or the address. */
  primary: string;
  /** What that belongs to, or null. */
  secondary: string | null;
}

export interface Places {
  summits: ReadonlyMap<number, Summit>;
  gatherings: ReadonlyMap<number, GatheringView>;
}

/**
 * Where a shipment goes, as words. Within the summit the screen is about (`here`), a parcel to the
 * summit itself is named by its venue: the summit's name would repeat on every row.
 */
export function destinationOf(shipment: Shipment, places: Places, here: number | null = null): Destination {
  const summit = shipment.summit_id === null ? undefined : places.summits.get(shipment.summit_id);
  const summitName = shipment.summit_id === null ? null : (summit?.name ?? `Summit #${shipment.summit_id}`);
  const address = shipment.destination_address?.trim() ?? "";
  if (shipment.gathering_id !== null) {
    const gathering = places.gatherings.get(shipment.gathering_id);
    return {
      primary: gathering?.title ?? `Gathering #${shipment.gathering_id}`,
      secondary: summitName ?? (address === "" ? null : address),
    };
  }
  if (summitName !== null) {
    if (shipment.summit_id === here && summit) {
      const venue = [summit.venue, summit.city].filter(Boolean).join(", ");
      if (venue !== "") return { primary: venue, secondary: address === "" ? null : address };
    }
    return { primary: summitName, secondary: address === "" ? null : address };
  }
  return { primary: address === "" ? "No destination" : address.split("\n")[0] ?? address, secondary: null };
}

/** "2025-06-12" moved by `days` (negative for earlier); null for text that is not a date. */
export function addDays(date: string, days: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  const [, y, m, d] = match;
  const at = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + days));
  if (Number.isNaN(at.getTime())) return null;
  return at.toISOString().slice(0, 10);
}

/**
 * When a shipment must arrive, as the core works it out (its destination's start less its buffer
 * days, on the destination's wall clock): "YYYY-MM-DDTHH:MM" there. Null for an address.
 */
export function arriveBy(shipment: Shipment): string | null {
  return shipment.must_arrive_by?.local ?? null;
}

/** A deadline's local time as text: the date, with the time when it is not midnight. */
export function deadlineText(local: string, options: { weekday?: boolean } = {}): string {
  const day = formatDate(local.slice(0, 10), options);
  const time = local.slice(11, 16);
  return time === "" || time === "00:00" ? day : `${day}, ${formatTime(local)}`;
}

/**
 * The form's preview of the deadlines the core will set, on the destination's wall clock: `start`
 * ("YYYY-MM-DDTHH:MM", or a summit's first day) less the buffer, and that less the transit days.
 */
export function previewDeadlines(
  start: string,
  bufferDays: number | null,
  transitDays: number | null,
): { arrive: string; shipBy: string | null } | null {
  if (bufferDays === null || !Number.isInteger(bufferDays) || bufferDays < 0) return null;
  const time = start.length > 10 ? start.slice(10, 16) : "T00:00";
  const arriveDay = addDays(start, -bufferDays);
  if (arriveDay === null) return null;
  const validTransit = transitDays !== null && Number.isInteger(transitDays) && transitDays >= 0;
  const shipDay = validTransit ? addDays(arriveDay, -transitDays) : null;
  return { arrive: arriveDay + time, shipBy: shipDay === null ? null : shipDay + time };
}

/** The socials and meetups a shipment can go to: a summit's, or the standalone meetups. */
export async function destinationGatherings(summitId: number | null): Promise<GatheringView[]> {
  const lists =
    summitId === null
      ? [await commands.listGatherings({ standalone: true })]
      : await Promise.all([
          commands.listGatherings({ summit_id: summitId, kind: "social" }),
          commands.listGatherings({ summit_id: summitId, kind: "meetup" }),
        ]);
  return lists.flat().sort((a, b) => (a.start_local < b.start_local ? -1 : a.start_local > b.start_local ? 1 : a.id - b.id));
}

// ---- the form ----------------------------------------------------------------------------------

export interface ContentRow {
  /** Identity of the row in the form, for keyed lists. */
  key: number;
  /** The chosen variant's id as the select holds it; "" for none yet. */
  variant: string;
  quantity: number | null;
}

/** What the shipment form's inputs hold: text, as typed. */
export interface ShipmentDraft {
  /** "" for none, else the summit's id. */
  summit_id: string;
  /** "" for none, else the gathering's id. */
  gathering_id: string;
  destination_address: string;
  origin: string;
  contact_name: string;
  contact_phone: string;
  carrier: string;
  tracking_number: string;
  ship_date: string;
  buffer_days: number | null;
  transit_days: number | null;
  status: ShipmentStatus;
  currency: string;
  shipping_cost: string;
  customs_cost: string;
  contents: ContentRow[];
}

/** The names of the form's inputs, as the core names its fields. */
export const SHIPMENT_FIELDS = [
  "summit_id",
  "gathering_id",
  "destination_address",
  "destination",
  "origin",
  "contact_name",
  "contact_phone",
  "carrier",
  "tracking_number",
  "ship_date",
  "buffer_days",
  "transit_days",
  "status",
  "currency",
  "shipping_cost",
  "customs_cost",
  "contents",
  "quantity",
] as const;

let rowKeys = 0;

export function contentRow(variant = "", quantity: number | null = 1): ContentRow {
  rowKeys += 1;
  return { key: rowKeys, variant, quantity };
}

/** A new shipment to `summit` (none in the standalone context), with one empty contents row. */
export function emptyShipmentDraft(summit: Summit | null): ShipmentDraft {
  return {
    summit_id: summit ? String(summit.id) : "",
    gathering_id: "",
    destination_address: "",
    origin: "",
    contact_name: "",
    contact_phone: "",
    carrier: "",
    tracking_number: "",
    ship_date: "",
    buffer_days: DEFAULT_BUFFER_DAYS,
    transit_days: DEFAULT_TRANSIT_DAYS,
    status: "draft",
    currency: summit?.currency ?? "EUR",
    shipping_cost: "",
    customs_cost: "",
    contents: [contentRow()],
  };
}

/** A stored shipment as the form shows it, amounts as exact decimal text. */
export function shipmentDraft(shipment: Shipment, fallbackCurrency: string): ShipmentDraft {
  const currency = shipment.shipping_cost?.currency ?? shipment.customs_cost?.currency ?? fallbackCurrency;
  return {
    summit_id: shipment.summit_id === null ? "" : String(shipment.summit_id),
    gathering_id: shipment.gathering_id === null ? "" : String(shipment.gathering_id),
    destination_address: shipment.destination_address ?? "",
    origin: shipment.origin,
    contact_name: shipment.contact_name ?? "",
    contact_phone: shipment.contact_phone ?? "",
    carrier: shipment.carrier ?? "",
    tracking_number: shipment.tracking_number ?? "",
    ship_date: shipment.ship_date ?? "",
    buffer_days: shipment.buffer_days,
    transit_days: shipment.transit_days,
    status: shipment.status,
    currency,
    shipping_cost: amountText(shipment.shipping_cost),
    customs_cost: amountText(shipment.customs_cost),
    contents: shipment.contents.map((line) => contentRow(String(line.variant_id), line.quantity)),
  };
}

function idOrNull(text: string): number | null {
  return text === "" ? null : Number(text);
}

/** The draft as the core's ShipmentForm: blanks are null, rows without a variant are left out. */
export function shipmentForm(draft: ShipmentDraft): ShipmentForm {
  return {
    summit_id: idOrNull(draft.summit_id),
    gathering_id: idOrNull(draft.gathering_id),
    destination_address: orNull(draft.destination_address),
    origin: draft.origin,
    contact_name: orNull(draft.contact_name),
    contact_phone: orNull(draft.contact_phone),
    carrier: orNull(draft.carrier),
    tracking_number: orNull(draft.tracking_number),
    ship_date: orNull(draft.ship_date),
    buffer_days: draft.buffer_days ?? Number.NaN,
    transit_days: draft.transit_days ?? Number.NaN,
    status: draft.status,
    currency: draft.currency,
    shipping_cost: orNull(draft.shipping_cost),
    customs_cost: orNull(draft.customs_cost),
    contents: draft.contents
      .filter((row) => row.variant !== "")
      .map((row) => ({ variant_id: Number(row.variant), quantity: row.quantity ?? Number.NaN })),
  };
}
