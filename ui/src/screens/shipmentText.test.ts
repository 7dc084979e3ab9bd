import { describe, expect, it } from "vitest";
import type { GatheringView, Shipment, Summit, SwagItem } from "../bindings/commands";
import {
  addDays,
  arriveBy,
  contentsSummary,
  countByStatus,
  destinationOf,
  emptyShipmentDraft,
  pieceCount,
  previewDeadlines,
  shipmentDraft,
  shipmentForm,
  upsertShipment,
  variantIndex,
  type Places,
} from "./shipmentText";
import { shipment as baseShipment } from "../testdata";

const summit: Summit = {
  id: 7,
  name: "Northwind Summit",
  slug: "northwind",
  city: "Lyon",
  venue: "Centre des congrès",
  tz: "Europe/Paris",
  start_date: "2027-01-05",
  end_date: "2027-01-07",
  currency: "EUR",
  budget: null,
};

const items: SwagItem[] = [
  {
    id: 1,
    name: "T-shirt",
    description: null,
    unit_cost: null,
    variants: [
      { id: 11, item_id: 1, label: "M", sku: null },
      { id: 12, item_id: 1, label: "L", sku: null },
    ],
  },
  { id: 2, name: "Sticker", description: null, unit_cost: null, variants: [{ id: 21, item_id: 2, label: "sticker", sku: null }] },
];

/** testdata's shipment, number 1 unless `patch` says, from "Berlin". */
function shipment(patch: Partial<Shipment> = {}): Shipment {
  return baseShipment(patch.id ?? 1, { origin: "Berlin", ...patch });
}

const meetup = { id: 5, title: "Rust Lyon meetup", start_local: "2027-02-01T19:00" } as GatheringView;
const places: Places = { summits: new Map([[7, summit]]), gatherings: new Map([[5, meetup]]) };

describe("shipment text", () => {
  it("summarises contents by item and variant", () => {
    const index = variantIndex(items);
    const contents = [
      { variant_id: 11, quantity: 12 },
      { variant_id: 21, quantity: 200 },
      { variant_id: 99, quantity: 1 },
    ];
    expect(contentsSummary(contents, index)).toBe("12 × T-shirt M, 200 × Sticker, 1 × Variant #99");
    expect(contentsSummary([], index)).toBe("Nothing yet");
    expect(pieceCount(contents)).toBe(213);
  });

  it("names the destination", () => {
    expect(destinationOf(shipment(), places)).toEqual({ primary: "Northwind Summit", secondary: null });
    expect(destinationOf(shipment(), places, 7)).toEqual({ primary: "Centre des congrès, Lyon", secondary: null });
    expect(destinationOf(shipment({ gathering_id: 5 }), places, 7)).toEqual({ primary: "Rust Lyon meetup", secondary: "Northwind Summit" });
    expect(destinationOf(shipment({ gathering_id: 6, summit_id: null }), places).primary).toBe("Gathering #6");
    expect(destinationOf(shipment({ summit_id: null, destination_address: "Hackerspace\nMain St 1, Ghent" }), places)).toEqual({
      primary: "Hackerspace",
      secondary: null,
    });
  });

  it("works out the arrive-by day from the destination's start and the buffer", () => {
    expect(addDays("2027-01-05", -3)).toBe("2027-01-02");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("soon", 1)).toBeNull();
    // The core works the deadline out; the list shows it.
    expect(arriveBy(shipment({ must_arrive_by: { at: "2027-01-01T23:00:00Z", local: "2027-01-02T00:00", tz: "Europe/Paris" } }))).toBe("2027-01-02T00:00");
    expect(arriveBy(shipment({ summit_id: null, destination_address: "Ghent" }))).toBeNull();
    // The form's preview: the same wall-clock arithmetic, before anything is saved.
    expect(previewDeadlines("2027-01-05", 3, 5)).toEqual({ arrive: "2027-01-02T00:00", shipBy: "2026-12-28T00:00" });
    expect(previewDeadlines("2027-02-01T19:00", 0, null)).toEqual({ arrive: "2027-02-01T19:00", shipBy: null });
    expect(previewDeadlines("2027-02-01T19:00", -1, 2)).toBeNull();
  });

  it("counts shipments by status", () => {
    const counts = countByStatus([shipment(), shipment({ id: 2 }), shipment({ id: 3, status: "lost" })]);
    expect(counts.get("draft")).toBe(2);
    expect(counts.get("lost")).toBe(1);
    expect(counts.get("delivered")).toBeUndefined();
  });

  it("updates the list with a saved shipment", () => {
    const list = [shipment(), shipment({ id: 2 })];
    expect(upsertShipment(list, shipment({ id: 2, origin: "Lyon" }), 7).map((s) => s.origin)).toEqual(["Berlin", "Lyon"]);
    expect(upsertShipment(list, shipment({ id: 3 }), 7)).toHaveLength(3);
    // moved to another summit: gone from this summit's list, kept in the list of every shipment
    expect(upsertShipment(list, shipment({ id: 2, summit_id: 8 }), 7).map((s) => s.id)).toEqual([1]);
    expect(upsertShipment(list, shipment({ id: 2, summit_id: 8 }), null)).toHaveLength(2);
  });
});

describe("shipment form text", () => {
  it("starts empty with the summit and its currency", () => {
    const draft = emptyShipmentDraft(summit);
    expect(draft.summit_id).toBe("7");
    expect(draft.currency).toBe("EUR");
    expect(draft.buffer_days).toBe(3);
    expect(draft.contents).toHaveLength(1);
    expect(emptyShipmentDraft(null).summit_id).toBe("");
  });

  it("round-trips a stored shipment through the form exactly", () => {
    const stored = shipment({
      gathering_id: 5,
      carrier: "DHL",
      ship_date: "2026-12-20",
      shipping_cost: { minor: 4_550, currency: "EUR" },
      customs_cost: { minor: 2_000, currency: "EUR" },
      contents: [{ variant_id: 12, quantity: 30 }],
    });
    const draft = shipmentDraft(stored, "USD");
    expect(draft.shipping_cost).toBe("45.50");
    expect(draft.customs_cost).toBe("20.00");
    expect(draft.currency).toBe("EUR");
    expect(shipmentForm(draft)).toEqual({
      summit_id: 7,
      gathering_id: 5,
      destination_address: null,
      origin: "Berlin",
      contact_name: null,
      contact_phone: null,
      carrier: "DHL",
      tracking_number: null,
      ship_date: "2026-12-20",
      buffer_days: 3,
      transit_days: 5,
      status: "draft",
      currency: "EUR",
      shipping_cost: "45.50",
      customs_cost: "20.00",
      contents: [{ variant_id: 12, quantity: 30 }],
    });
  });

  it("keeps yen costs whole and falls back to the summit's currency without costs", () => {
    expect(shipmentDraft(shipment({ shipping_cost: { minor: 1_500, currency: "JPY" } }), "EUR").shipping_cost).toBe("1500");
    expect(shipmentDraft(shipment(), "CHF").currency).toBe("CHF");
  });
});
