// Records for component tests, shaped as the generated bindings return them.
import type { AppInfo, Dashboard, GatheringView, Shipment, Summit } from "./bindings/commands";

export const appInfo: AppInfo = { name: "Roadie", version: "0.1.0", database_path: "/home/ada/.local/share/roadie/roadie.db", warnings: [] };

export const northwind: Summit = {
  id: 1,
  name: "Northwind Open Source Summit",
  slug: "northwind",
  city: "Lyon",
  venue: "Centre de Congrès de Lyon",
  tz: "Europe/Paris",
  start_date: "2027-01-05",
  end_date: "2027-01-07",
  currency: "EUR",
  budget: { minor: 25_000_000, currency: "EUR" },
};

export const oddSummit: Summit = {
  id: 2,
  name: "<script>alert(1)</script>",
  slug: "odd",
  city: null,
  venue: null,
  tz: "UTC",
  start_date: "2025-09-01",
  end_date: "2025-09-01",
  currency: "JPY",
  budget: null,
};

let nextId = 100;

export function gathering(overrides: Partial<GatheringView> & Pick<GatheringView, "start_local" | "end_local">): GatheringView {
  const id = overrides.id ?? nextId++;
  return {
    id,
    uid: `uid-${String(id)}`,
    sequence: 0,
    summit_id: 1,
    kind: "session",
    title: `Talk ${String(id)}`,
    description: null,
    start: `${overrides.start_local}:00Z`,
    end: `${overrides.end_local}:00Z`,
    tz: "Europe/Paris",
    venue: "Centre de Congrès de Lyon",
    room: "Room 1",
    url: null,
    geo: null,
    track: null,
    capacity: null,
    expected_headcount: null,
    audience: "attendees",
    status: "confirmed",
    recurrence: null,
    ...overrides,
  };
}

export function dashboardOf(summit: Summit, overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    summit,
    next: [
      gathering({ id: 1, title: "Opening keynote", start_local: "2027-01-05T09:00", end_local: "2027-01-05T10:00", room: "Auditorium Lumière" }),
      gathering({ id: 2, kind: "social", title: "Speakers' dinner", start_local: "2027-01-05T19:30", end_local: "2027-01-05T22:30", room: null, venue: "Brasserie Georges", audience: "speakers" }),
    ],
    counts: {
      sessions: 75,
      socials: 5,
      milestones: 3,
      cancelled: 1,
      speakers: 40,
      travel_requests: 12,
      travel_to_review: 4,
      shipments: 4,
      shipments_not_sent: 2,
    },
    budget: [
      { category: "socials", lines: 4, planned: { minor: 1_500_000, currency: "EUR" }, committed: { minor: 1_800_000, currency: "EUR" }, spent: { minor: 200_000, currency: "EUR" } },
      { category: "socials", lines: 1, planned: { minor: 50_000, currency: "USD" }, committed: { minor: 0, currency: "USD" }, spent: { minor: 0, currency: "USD" } },
      { category: "travel", lines: 3, planned: { minor: 4_000_000, currency: "EUR" }, committed: { minor: 1_000_000, currency: "EUR" }, spent: { minor: 500_000, currency: "EUR" } },
      { category: "swag", lines: 2, planned: { minor: 300_000, currency: "JPY" }, committed: { minor: 100_000, currency: "JPY" }, spent: { minor: 0, currency: "JPY" } },
    ],
    findings: [
      { kind: "shipment-late", severity: "error", message: "Shipment 5 to “Warm-up” is not delivered yet; it had to arrive by 2027-01-01 18:30 Europe/Paris.", records: [{ kind: "shipment", id: 5 }] },
      { kind: "budget-over-plan", severity: "warning", message: "Socials: 18000.00 EUR committed, over the 15000.00 EUR planned.", records: [{ kind: "budget-line", id: 3 }] },
    ],
    ...overrides,
  };
}

/** A draft shipment from Berlin for summit 7, nothing in it, changed by `patch`. */
export function shipment(id: number, patch: Partial<Shipment>): Shipment {
  return {
    id,
    summit_id: 7,
    gathering_id: null,
    destination_address: null,
    origin: "Berlin warehouse",
    contact_name: null,
    contact_phone: null,
    carrier: null,
    tracking_number: null,
    ship_date: null,
    buffer_days: 3,
    transit_days: 5,
    must_arrive_by: null,
    ship_by: null,
    next_statuses: ["packed", "shipped"],
    status: "draft",
    shipping_cost: null,
    customs_cost: null,
    contents: [],
    ...patch,
  };
}
