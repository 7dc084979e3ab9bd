import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GatheringView, Shipment, Summit, SwagItem } from "../bindings/commands";

vi.mock("../bindings/commands", () => ({
  commands: {
    createShipment: vi.fn(),
    updateShipment: vi.fn(),
    listGatherings: vi.fn(),
  },
}));


/** `value`, or a failed test when it is missing. */
function must<T>(value: T | null | undefined, what = "element"): T {
  if (value === null || value === undefined) throw new Error(`no ${what}`);
  return value;
}
const { commands } = await import("../bindings/commands");
const { default: ShipmentForm } = await import("./ShipmentForm.svelte");

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
    unit_cost: { minor: 900, currency: "EUR" },
    variants: [
      { id: 11, item_id: 1, label: "M", sku: "TS-M" },
      { id: 12, item_id: 1, label: "L", sku: null },
    ],
  },
  { id: 2, name: "Sticker", description: null, unit_cost: null, variants: [{ id: 21, item_id: 2, label: "Logo", sku: null }] },
];

const boatParty: GatheringView = {
  id: 5,
  uid: "g5",
  sequence: 0,
  summit_id: 7,
  kind: "social",
  title: "Boat party",
  description: null,
  start: "2027-01-06T19:00:00Z",
  end: "2027-01-06T23:00:00Z",
  tz: "Europe/Paris",
  venue: null,
  room: null,
  url: null,
  geo: null,
  track: null,
  capacity: null,
  expected_headcount: null,
  audience: "attendees",
  status: "confirmed",
  recurrence: null,
  start_local: "2027-01-06T20:00",
  end_local: "2027-01-07T00:00",
};

const existing: Shipment = {
  id: 90,
  summit_id: 7,
  gathering_id: null,
  destination_address: null,
  origin: "Berlin warehouse",
  contact_name: "Loading dock",
  contact_phone: null,
  carrier: "DHL",
  tracking_number: "RD000100000FR",
  ship_date: "2026-12-20",
  buffer_days: 3,
  transit_days: 5,
  must_arrive_by: { at: "2027-01-01T23:00:00Z", local: "2027-01-02T00:00", tz: "Europe/Paris" },
  ship_by: null,
  next_statuses: ["in-transit", "delivered", "lost", "returned"],
  status: "shipped",
  shipping_cost: { minor: 4550, currency: "EUR" },
  customs_cost: null,
  contents: [
    { variant_id: 11, quantity: 12 },
    { variant_id: 21, quantity: 200 },
  ],
};

function field(name: string): HTMLInputElement {
  return must(document.querySelector<HTMLInputElement>(`form [name="${name}"]`), `input named ${name}`);
}

function select(name: string): HTMLSelectElement {
  return must(document.querySelector<HTMLSelectElement>(`form select[name="${name}"]`), `select named ${name}`);
}

function save(): Promise<boolean> {
  const button = document.querySelector<HTMLButtonElement>('[data-action="save"]');
  if (!button) throw new Error("no save button");
  return fireEvent.click(button);
}

function setup(props: { shipment?: Shipment | null; summit?: Summit | null } = {}) {
  const onsaved = vi.fn();
  render(ShipmentForm, {
    props: { shipment: props.shipment ?? null, summit: props.summit === undefined ? summit : props.summit, summits: [summit], items, onsaved, onclose: vi.fn() },
  });
  return { onsaved };
}

beforeEach(() => {
  vi.mocked(commands.createShipment).mockReset();
  vi.mocked(commands.updateShipment).mockReset();
  vi.mocked(commands.listGatherings).mockReset();
  vi.mocked(commands.listGatherings).mockImplementation((filter) => Promise.resolve(filter.kind === "social" ? [boatParty] : []));
});

afterEach(() => {
  document.body.replaceChildren();
});

describe("ShipmentForm", () => {
  it("starts a new shipment to the summit with a 3-day buffer and one contents row", async () => {
    setup();
    expect(screen.getByRole("dialog", { name: "New shipment" })).toBeTruthy();
    expect(select("summit_id").value).toBe("7");
    expect(field("buffer_days").value).toBe("3");
    expect(field("currency").value).toBe("EUR");
    expect(select("status").value).toBe("draft");
    expect(document.querySelectorAll('[name="variant_id"]')).toHaveLength(1);
    // 5 Jan minus 3 days
    expect(screen.getByText(/Must arrive by .*\b2\b.*2027/)).toBeTruthy();
    // the summit's socials and meetups are offered as destinations
    await waitFor(() => expect(within(select("gathering_id")).getByRole("option", { name: /Boat party/ })).toBeTruthy());
    expect(commands.listGatherings).toHaveBeenCalledWith({ summit_id: 7, kind: "social" });
    expect(commands.listGatherings).toHaveBeenCalledWith({ summit_id: 7, kind: "meetup" });
  });

  it("shows a missing destination under the destination and keeps the input", async () => {
    vi.mocked(commands.createShipment).mockRejectedValue({ code: "invalid", message: "destination: a shipment needs a summit, a gathering or an address", field: "destination" });
    const { onsaved } = setup({ summit: null });
    expect(select("summit_id").value).toBe("");
    expect(commands.listGatherings).toHaveBeenCalledWith({ standalone: true });
    await fireEvent.input(field("origin"), { target: { value: "Printer, Leipzig" } });
    await fireEvent.input(field("carrier"), { target: { value: "UPS" } });
    await fireEvent.change(select("variant_id"), { target: { value: "21" } });
    await fireEvent.input(field("quantity"), { target: { value: "200" } });
    await save();

    await waitFor(() => expect(document.querySelector('[data-error-for="destination"]')?.textContent).toBe("a shipment needs a summit, a gathering or an address"));
    expect(field("origin").value).toBe("Printer, Leipzig");
    expect(field("carrier").value).toBe("UPS");
    expect(select("variant_id").value).toBe("21");
    expect(field("quantity").value).toBe("200");
    expect(onsaved).not.toHaveBeenCalled();
    expect(commands.createShipment).toHaveBeenCalledWith(
      expect.objectContaining({
        summit_id: null,
        gathering_id: null,
        destination_address: null,
        origin: "Printer, Leipzig",
        carrier: "UPS",
        tracking_number: null,
        buffer_days: 3,
        transit_days: 5,
        status: "draft",
        shipping_cost: null,
        contents: [{ variant_id: 21, quantity: 200 }],
      }),
    );
  });

  it("shows a quantity error next to the contents", async () => {
    vi.mocked(commands.createShipment).mockRejectedValue({ code: "invalid", message: "quantity: must be at least 1, got 0", field: "quantity" });
    setup();
    await fireEvent.input(field("origin"), { target: { value: "Berlin" } });
    await fireEvent.change(select("variant_id"), { target: { value: "11" } });
    await fireEvent.input(field("quantity"), { target: { value: "0" } });
    await fireEvent.submit(must(field("origin").form));

    const error = await waitFor(() => {
      const found = document.querySelector('[data-error-for="quantity"]');
      if (!found) throw new Error("no error yet");
      return found;
    });
    expect(error.textContent).toBe("must be at least 1, got 0");
    expect(error.closest("fieldset")?.querySelector("legend")?.textContent).toBe("Contents");
    expect(field("quantity").getAttribute("aria-invalid")).toBe("true");
    expect(field("quantity").value).toBe("0");
  });

  it("previews the must-arrive-by and ship-by on the destination's wall clock", async () => {
    setup();
    expect(field("transit_days").value).toBe("5");
    // The summit starts on 5 January: three days' buffer, five in transit.
    expect(screen.getByText(/Must arrive by .*2 Jan|Must arrive by .*Jan 2/)).toBeTruthy();
    expect(screen.getByText(/Ship by .*28 Dec|Ship by .*Dec 28/)).toBeTruthy();
    await fireEvent.input(field("transit_days"), { target: { value: "10" } });
    expect(screen.getByText(/Ship by .*23 Dec|Ship by .*Dec 23/)).toBeTruthy();
  });

  it("adds and removes contents rows; a listed-twice error shows by the contents", async () => {
    vi.mocked(commands.createShipment).mockRejectedValue({ code: "invalid", message: "contents: variant 11 is listed twice", field: "contents" });
    setup();
    await fireEvent.click(screen.getByRole("button", { name: "+ Add item" }));
    await fireEvent.click(screen.getByRole("button", { name: "+ Add item" }));
    expect(document.querySelectorAll('[name="variant_id"]')).toHaveLength(3);
    await fireEvent.click(screen.getByRole("button", { name: "Remove item 3" }));
    const selects = document.querySelectorAll<HTMLSelectElement>('[name="variant_id"]');
    expect(selects).toHaveLength(2);
    const quantities = document.querySelectorAll<HTMLInputElement>('[name="quantity"]');
    for (const [i, select] of selects.entries()) {
      await fireEvent.change(select, { target: { value: "11" } });
      await fireEvent.input(must(quantities[i]), { target: { value: String(10 * (i + 1)) } });
    }
    await fireEvent.input(field("origin"), { target: { value: "Berlin" } });
    await save();
    await waitFor(() => expect(document.querySelector('[data-error-for="contents"]')?.textContent).toBe("variant 11 is listed twice"));
    expect(vi.mocked(commands.createShipment).mock.calls[0]?.[0].contents).toEqual([
      { variant_id: 11, quantity: 10 },
      { variant_id: 11, quantity: 20 },
    ]);
  });

  it("prefills a stored shipment and saves its changes", async () => {
    const saved = { ...existing, status: "delivered" as const };
    vi.mocked(commands.updateShipment).mockResolvedValue(saved);
    const { onsaved } = setup({ shipment: existing });
    expect(screen.getByRole("dialog", { name: "Edit shipment" })).toBeTruthy();
    expect(field("origin").value).toBe("Berlin warehouse");
    expect(field("shipping_cost").value).toBe("45.50");
    expect(field("customs_cost").value).toBe("");
    expect(field("ship_date").value).toBe("2026-12-20");
    const selects = [...document.querySelectorAll<HTMLSelectElement>('[name="variant_id"]')].map((s) => s.value);
    expect(selects).toEqual(["11", "21"]);
    // It has left: only the statuses it can move to, and what it carries is fixed.
    expect([...select("status").options].map((o) => o.value)).toEqual(["shipped", "in-transit", "delivered", "lost", "returned"]);
    expect(document.querySelector<HTMLSelectElement>('[name="variant_id"]')?.disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "+ Add item" })).toBeNull();
    expect(screen.getByText(/came out of the stock/)).toBeTruthy();
    await fireEvent.change(select("status"), { target: { value: "delivered" } });
    await save();
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(saved, null));
    expect(commands.updateShipment).toHaveBeenCalledWith(90, {
      summit_id: 7,
      gathering_id: null,
      destination_address: null,
      origin: "Berlin warehouse",
      contact_name: "Loading dock",
      contact_phone: null,
      carrier: "DHL",
      tracking_number: "RD000100000FR",
      ship_date: "2026-12-20",
      buffer_days: 3,
      transit_days: 5,
      status: "delivered",
      currency: "EUR",
      shipping_cost: "45.50",
      customs_cost: null,
      contents: [
        { variant_id: 11, quantity: 12 },
        { variant_id: 21, quantity: 200 },
      ],
    });
  });
});
