import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Finding, GatheringView, Shipment, Summit, SwagItem, VariantStock } from "../bindings/commands";
import { jump } from "../lib/jump.svelte";
import { toasts } from "../lib/toasts.svelte";
import { shortcuts } from "../lib/shortcuts";
import { shipment } from "../testdata";

vi.mock("../bindings/commands", () => ({
  commands: {
    listSwagItems: vi.fn(),
    listShipments: vi.fn(),
    listGatherings: vi.fn(),
    createSwagItem: vi.fn(),
    updateSwagItem: vi.fn(),
    addSwagVariant: vi.fn(),
    createShipment: vi.fn(),
    updateShipment: vi.fn(),
    setShipmentStatus: vi.fn(),
    runChecks: vi.fn(),
    stockLevels: vi.fn(),
    eventStock: vi.fn(),
    recordStockMovement: vi.fn(),
  },
}));


/** `value`, or a failed test when it is missing. */
function must<T>(value: T | null | undefined, what = "element"): T {
  if (value === null || value === undefined) throw new Error(`no ${what}`);
  return value;
}
const { commands } = await import("../bindings/commands");
const { default: SwagScreen } = await import("./SwagScreen.svelte");

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
    description: "Organic cotton",
    unit_cost: { minor: 900, currency: "EUR" },
    variants: [
      { id: 11, item_id: 1, label: "M", sku: "TS-M" },
      { id: 12, item_id: 1, label: "L", sku: null },
    ],
  },
  { id: 2, name: "Sticker", description: null, unit_cost: { minor: 40, currency: "EUR" }, variants: [{ id: 21, item_id: 2, label: "Sticker", sku: null }] },
];

const boatParty = { id: 5, title: "Boat party", start_local: "2027-01-06T20:00", summit_id: 7, kind: "social" } as GatheringView;

const shipments: Shipment[] = [
  shipment(1, {
    carrier: "DHL",
    tracking_number: "RD000100000FR",
    ship_date: "2026-12-20",
    status: "in-transit",
    must_arrive_by: { at: "2027-01-01T23:00:00Z", local: "2027-01-02T00:00", tz: "Europe/Paris" },
    shipping_cost: { minor: 4550, currency: "EUR" },
    customs_cost: { minor: 2000, currency: "EUR" },
    contents: [
      { variant_id: 11, quantity: 12 },
      { variant_id: 21, quantity: 200 },
    ],
  }),
  shipment(2, { origin: "Printer, Leipzig", gathering_id: 5, buffer_days: 1, contents: [{ variant_id: 12, quantity: 30 }] }),
];

const late: Finding = {
  kind: "shipment-late",
  severity: "error",
  message: "Shipment 2 to “Boat party” is still a draft; it had to arrive by 2027-01-05 20:00 Europe/Paris.",
  records: [{ kind: "shipment", id: 2 }],
};

const stock: VariantStock[] = [
  { variant_id: 11, item_id: 1, item_name: "T-shirt", label: "M", on_hand: 88, allocated: 20, available: 68, out: 12 },
  { variant_id: 12, item_id: 1, item_name: "T-shirt", label: "L", on_hand: 0, allocated: 0, available: 0, out: 0 },
  { variant_id: 21, item_id: 2, item_name: "Sticker", label: "Sticker", on_hand: 800, allocated: 0, available: 800, out: 200 },
];

/** Shows the shipments as a list rather than the board. */
async function showList() {
  await fireEvent.click(screen.getByRole("radio", { name: "List" }));
}

function card(id: number): HTMLElement {
  return must(document.querySelector<HTMLElement>(`[data-shipment-id="${String(id)}"]`), `card ${String(id)}`);
}

function column(id: string): HTMLElement {
  return must(document.querySelector<HTMLElement>(`[data-column="${id}"]`), `column ${id}`);
}

function root(): HTMLElement {
  const section = document.querySelector<HTMLElement>('[data-screen="swag"]');
  if (!section) throw new Error("no swag screen");
  return section;
}

function rowsOf(label: string): HTMLElement[] {
  return within(screen.getByRole("grid", { name: label })).getAllByRole("row").slice(1);
}

let stopShortcuts: () => void = () => undefined;

beforeEach(() => {
  vi.mocked(commands.listSwagItems).mockReset().mockResolvedValue(items);
  vi.mocked(commands.listShipments).mockReset().mockResolvedValue(shipments);
  vi.mocked(commands.listGatherings).mockReset().mockImplementation((filter) => Promise.resolve(filter.kind === "social" ? [boatParty] : []));
  vi.mocked(commands.addSwagVariant).mockReset();
  vi.mocked(commands.createShipment).mockReset();
  vi.mocked(commands.setShipmentStatus).mockReset();
  vi.mocked(commands.runChecks).mockReset().mockResolvedValue([late]);
  vi.mocked(commands.stockLevels).mockReset().mockResolvedValue(stock);
  vi.mocked(commands.eventStock).mockReset().mockResolvedValue([
    { variant_id: 11, summit_id: 7, gathering_id: null, allocated: 20, shipped: 12, given_away: 0, returned: 0, out: 12 },
  ]);
  vi.mocked(commands.recordStockMovement).mockReset();
  jump.pending = null;
  // jsdom lays nothing out: scrolling a card into view is a no-op here.
  Element.prototype.scrollIntoView = vi.fn();
  stopShortcuts = shortcuts.listen(window);
});

afterEach(() => {
  stopShortcuts();
  document.body.replaceChildren();
});

describe("SwagScreen", () => {
  it("lists the summit's shipments with destination, contents and arrive-by date", async () => {
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    await showList();
    expect(commands.listShipments).toHaveBeenCalledWith({ summit_id: 7 });
    const [first, second] = rowsOf("Shipments");
    if (!first || !second) throw new Error("rows missing");
    // within its own summit a parcel to the summit is named by the venue
    expect(first.textContent).toContain("Centre des congrès, Lyon");
    expect(first.textContent).toContain("from Berlin warehouse");
    expect(first.textContent).toContain("12 × T-shirt M, 200 × Sticker");
    expect(first.textContent).toContain("RD000100000FR");
    expect(first.textContent).toContain("In transit");
    expect(first.textContent).toContain("€45.50");
    expect(first.textContent).toContain("+ €20.00 customs");
    expect(first.textContent).toMatch(/2027/); // arrive by 2 Jan 2027
    // a shipment to a social shows its title once the gatherings are loaded
    await waitFor(() => expect(second.textContent).toContain("Boat party"));
    expect(second.textContent).toContain("30 × T-shirt L");
  });

  it("filters shipments by status", async () => {
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    await showList();
    const select = screen.getByLabelText("Status");
    expect(within(select).getByRole("option", { name: "In transit (1)" })).toBeTruthy();
    await fireEvent.change(select, { target: { value: "draft" } });
    expect(rowsOf("Shipments")).toHaveLength(1);
    expect(rowsOf("Shipments")[0]?.textContent).toContain("Printer, Leipzig");
    await fireEvent.change(select, { target: { value: "lost" } });
    expect(screen.getByText("No lost shipments")).toBeTruthy();
  });

  it("lists every shipment in the standalone context", async () => {
    render(SwagScreen, { props: { summit: null, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    await showList();
    expect(commands.listShipments).toHaveBeenCalledWith({});
    expect(rowsOf("Shipments")[0]?.textContent).toContain("Northwind Summit");
    // Checks are per summit: none run here.
    expect(commands.runChecks).not.toHaveBeenCalled();
  });

  it("opens the shipment form with Mod+N", async () => {
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    const mac = /mac/i.test(navigator.platform);
    await fireEvent.keyDown(window, { key: "n", code: "KeyN", ctrlKey: !mac, metaKey: mac });
    expect(await screen.findByRole("dialog", { name: "New shipment" })).toBeTruthy();
  });

  it("creates a shipment and shows it selected without reloading the list", async () => {
    const saved = shipment(3, { origin: "Printer, Leipzig", status: "packed", contents: [{ variant_id: 21, quantity: 500 }] });
    vi.mocked(commands.createShipment).mockResolvedValue(saved);
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    await showList();
    await fireEvent.click(must(document.querySelector<HTMLButtonElement>('[data-action="new"]')));
    const dialog = await screen.findByRole("dialog", { name: "New shipment" });
    await fireEvent.input(within(dialog).getByLabelText(/Origin/), { target: { value: "Printer, Leipzig" } });
    await fireEvent.change(must(dialog.querySelector<HTMLSelectElement>('[name="variant_id"]')), { target: { value: "21" } });
    await fireEvent.input(must(dialog.querySelector<HTMLInputElement>('[name="quantity"]')), { target: { value: "500" } });
    await fireEvent.click(must(dialog.ownerDocument.querySelector<HTMLButtonElement>('[data-action="save"]')));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.createShipment).toHaveBeenCalledWith(expect.objectContaining({ summit_id: 7, origin: "Printer, Leipzig", contents: [{ variant_id: 21, quantity: 500 }] }));
    expect(commands.listShipments).toHaveBeenCalledTimes(1);
    const row = must(screen.getByText("500 × Sticker").closest('[role="row"]'));
    expect(row.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tab", { name: /Shipments/ }).textContent).toContain("3");
  });

  it("shows the shipments on a board by status, with what the checks found", async () => {
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    expect(commands.runChecks).toHaveBeenCalledWith(7);
    expect(within(column("on-the-way")).getByText("Centre des congrès, Lyon")).toBeTruthy();
    expect(within(column("on-the-way")).getByText("In transit")).toBeTruthy();
    const draft = card(2);
    expect(column("draft").contains(draft)).toBe(true);
    expect(draft.dataset.flag).toBe("Late");
    expect(draft.textContent).toContain("had to arrive by 2027-01-05 20:00");
    expect(within(draft).getByRole("button", { name: "Packed" })).toBeTruthy();
    expect(within(column("delivered")).getByText("None")).toBeTruthy();
    expect(screen.getByText(/1 need attention/)).toBeTruthy();
  });

  it("moves a shipment along its statuses from its card", async () => {
    const shipped = { ...must(shipments[1]), status: "shipped" as const, ship_date: "2027-01-02", next_statuses: ["in-transit", "delivered", "lost", "returned"] as Shipment["next_statuses"] };
    vi.mocked(commands.setShipmentStatus).mockResolvedValue(shipped);
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    vi.mocked(commands.runChecks).mockResolvedValue([]);
    await fireEvent.click(within(card(2)).getByRole("button", { name: "Ship" }));
    await waitFor(() => expect(column("on-the-way").contains(card(2))).toBe(true));
    expect(commands.setShipmentStatus).toHaveBeenCalledWith(2, "shipped");
    await waitFor(() => expect(card(2).dataset.flag).toBeUndefined());
    expect(within(card(2)).getByRole("button", { name: "Delivered" })).toBeTruthy();
    expect(commands.runChecks).toHaveBeenCalledTimes(2);
  });

  it("says why a move was refused and leaves the card where it was", async () => {
    vi.mocked(commands.setShipmentStatus).mockRejectedValue({ code: "invalid", message: "contents: cannot ship 30 of T-shirt L: there are only 0 available", field: "contents" });
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    await fireEvent.click(within(card(2)).getByRole("button", { name: "Ship" }));
    await waitFor(() => expect(toasts.items.at(-1)?.message).toContain("there are only 0 available"));
    expect(column("draft").contains(card(2))).toBe(true);
  });

  it("picks out the shipment a link asked for", async () => {
    jump.request({ kind: "shipment", id: 2 });
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(card(2).classList.contains("highlighted")).toBe(true));
    expect(card(1).classList.contains("highlighted")).toBe(false);
    expect(jump.pending).toBeNull();
  });

  it("shows the stock per variant and records a movement, the core's refusal under Quantity", async () => {
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    await fireEvent.click(screen.getByRole("tab", { name: /Stock/ }));
    const [m] = rowsOf("Stock per variant");
    expect(m?.textContent).toContain("T-shirt M");
    expect(m?.textContent).toContain("88");
    expect(m?.textContent).toContain("20 set aside · 12 sent");
    expect(screen.getByText(/888 pieces in the warehouse/)).toBeTruthy();

    vi.mocked(commands.recordStockMovement).mockRejectedValueOnce({ code: "invalid", message: "quantity: cannot allocate 99 of T-shirt M: there are only 68 available (88 on hand, 20 allocated)", field: "quantity" });
    await fireEvent.click(must(m));
    await fireEvent.click(must(document.querySelector<HTMLButtonElement>('[data-action="stock-allocated"]')));
    const dialog = await screen.findByRole("dialog", { name: "Record stock" });
    expect(within(dialog).getByLabelText<HTMLSelectElement>(/Item/).value).toBe("11");
    expect(within(dialog).getByLabelText<HTMLSelectElement>(/^For/).value).toBe("summit:7");
    await fireEvent.input(within(dialog).getByLabelText(/Quantity/), { target: { value: "99" } });
    await fireEvent.click(must(document.querySelector<HTMLButtonElement>('[data-action="save"]')));
    await waitFor(() => expect(dialog.querySelector('[data-error-for="quantity"]')?.textContent).toContain("only 68 available"));
    expect(commands.recordStockMovement).toHaveBeenCalledWith({ variant_id: 11, kind: "allocated", quantity: 99, summit_id: 7, gathering_id: null, note: null });

    vi.mocked(commands.recordStockMovement).mockResolvedValueOnce({ id: 9, variant_id: 11, kind: "allocated", quantity: 60, summit_id: 7, gathering_id: null, note: null, shipment_id: null, recorded_at: "2026-12-01T10:00:00Z" });
    await fireEvent.input(within(dialog).getByLabelText(/Quantity/), { target: { value: "60" } });
    await fireEvent.click(must(document.querySelector<HTMLButtonElement>('[data-action="save"]')));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.stockLevels).toHaveBeenCalledTimes(2);
  });

  it("lists swag items with their variants and adds a variant", async () => {
    const added = { id: 13, item_id: 1, label: "XL", sku: null };
    vi.mocked(commands.addSwagVariant).mockResolvedValue(added);
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    await fireEvent.click(screen.getByRole("tab", { name: /Swag items/ }));
    // the shown panel's button is the one new action
    expect(document.querySelectorAll('[data-action="new"]')).toHaveLength(1);
    expect(document.querySelector('[data-action="new"]')?.textContent).toContain("New item");
    const [tshirt] = rowsOf("Swag items");
    if (!tshirt) throw new Error("no rows");
    expect(tshirt.textContent).toContain("T-shirt");
    expect(tshirt.textContent).toContain("€9.00");
    expect(within(tshirt).getByText("M")).toBeTruthy();
    expect(within(tshirt).getByText("L")).toBeTruthy();

    await fireEvent.click(tshirt);
    const detail = screen.getByRole("complementary", { name: "Selected item" });
    const label = within(detail).getByLabelText(/Label/);
    await fireEvent.input(label, { target: { value: "XL" } });
    vi.mocked(commands.listSwagItems).mockResolvedValue([{ ...must(items[0]), variants: [...must(items[0]).variants, added] }, must(items[1])]);
    await fireEvent.click(within(detail).getByRole("button", { name: "Add variant" }));
    await waitFor(() => expect(commands.addSwagVariant).toHaveBeenCalledWith(1, "XL", null));
    await waitFor(() => expect(within(detail).getByText("XL")).toBeTruthy());
    expect(within(detail).getByLabelText<HTMLInputElement>(/Label/).value).toBe("");
  });

  it("shows a refused variant's error under its field and keeps the input", async () => {
    vi.mocked(commands.addSwagVariant).mockRejectedValue({ code: "invalid", message: 'label: item 1 already has a variant "M"', field: "label" });
    render(SwagScreen, { props: { summit, summits: [summit] } });
    await waitFor(() => expect(root().dataset.ready).toBe("swag"));
    await fireEvent.click(screen.getByRole("tab", { name: /Swag items/ }));
    const [tshirt] = rowsOf("Swag items");
    await fireEvent.click(must(tshirt));
    const detail = screen.getByRole("complementary", { name: "Selected item" });
    await fireEvent.input(within(detail).getByLabelText(/Label/), { target: { value: "M" } });
    await fireEvent.input(within(detail).getByLabelText(/SKU/), { target: { value: "TS-M2" } });
    await fireEvent.click(within(detail).getByRole("button", { name: "Add variant" }));
    await waitFor(() => expect(detail.querySelector('[data-error-for="label"]')?.textContent).toBe('item 1 already has a variant "M"'));
    expect(within(detail).getByLabelText<HTMLInputElement>(/Label/).value).toBe("M");
    expect(within(detail).getByLabelText<HTMLInputElement>(/SKU/).value).toBe("TS-M2");
  });
});
