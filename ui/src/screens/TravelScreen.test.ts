import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Speaker, Summit, TravelRequest, TravelRequestForm } from "../bindings/commands";
import { formatMoney } from "../lib/format";

vi.mock("../bindings/commands", () => ({
  commands: {
    listSpeakers: vi.fn(),
    listTravelRequests: vi.fn(),
    createTravelRequest: vi.fn(),
    updateTravelRequest: vi.fn(),
  },
}));

const { commands } = await import("../bindings/commands");
const { default: TravelScreen } = await import("./TravelScreen.svelte");
const { toasts } = await import("../lib/toasts.svelte");

const summit: Summit = {
  id: 7,
  name: "Northwind Open Source Summit",
  slug: "northwind",
  city: "Lyon",
  venue: null,
  tz: "Europe/Paris",
  start_date: "2026-03-12",
  end_date: "2026-03-14",
  currency: "EUR",
  budget: null,
};

const speakers: Speaker[] = [
  { id: 1, name: "Ada Lovelace", talk_ids: [], email: null, organisation: "Analytical Engines", home_city: "London", country: "GB", first_time: false },
  { id: 2, name: "Grace Hopper", talk_ids: [], email: null, organisation: null, home_city: "Arlington", country: "US", first_time: true },
];

const adaRequest: TravelRequest = {
  id: 30,
  status: "under-review",
  submitted_at: "2026-01-20T08:30:00Z",
  summit_id: 7,
  speaker_id: 1,
  currency: "GBP",
  origin_city: "London",
  origin_country: "GB",
  depart_on: "2026-03-11",
  return_on: "2026-03-15",
  lodging_nights: 4,
  notes: "Vegetarian",
  items: [
    { category: "airfare", requested: { minor: 23_450, currency: "GBP" } },
    { category: "lodging", requested: { minor: 48_000, currency: "GBP" } },
  ],
};

let db: TravelRequest[] = [];

function fromForm(form: TravelRequestForm, id: number): TravelRequest {
  return {
    id,
    status: "submitted",
    submitted_at: "2026-02-01T10:00:00Z",
    summit_id: form.summit_id,
    speaker_id: form.speaker_id,
    currency: form.currency,
    origin_city: form.origin_city,
    origin_country: form.origin_country,
    depart_on: form.depart_on,
    return_on: form.return_on,
    lodging_nights: form.lodging_nights,
    notes: form.notes,
    items: form.items
      .filter((i) => i.amount !== "")
      .map((i) => ({ category: i.category, requested: { minor: Math.round(Number(i.amount) * 100), currency: form.currency } })),
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  toasts.clear();
  db = [adaRequest];
  vi.mocked(commands.listSpeakers).mockResolvedValue(speakers);
  vi.mocked(commands.listTravelRequests).mockImplementation(() => Promise.resolve([...db]));
  vi.mocked(commands.createTravelRequest).mockImplementation((form) => {
    const created = fromForm(form, 31);
    db.push(created);
    return Promise.resolve(created);
  });
  vi.mocked(commands.updateTravelRequest).mockImplementation((id, form) => Promise.resolve({ ...fromForm(form, id), status: "under-review" }));
});

async function ready() {
  await waitFor(() => expect(document.querySelector('[data-ready="travel"]')).not.toBeNull());
}

function control(name: string): HTMLInputElement {
  const element = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no control named ${name}`);
  return element;
}

function select(name: string): HTMLSelectElement {
  const element = document.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
  if (!element) throw new Error(`no select named ${name}`);
  return element;
}

function errorOf(name: string): string | null {
  const element = control(name);
  if (element.getAttribute("aria-invalid") !== "true") return null;
  const ids = element.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains("field-error"))?.textContent.trim() ?? null;
}

describe("TravelScreen", () => {
  it("lists the summit's requests with their speakers, totals and status", async () => {
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    expect(commands.listTravelRequests).toHaveBeenCalledWith({ summit_id: 7 });
    expect(commands.listSpeakers).toHaveBeenCalledWith({});
    const row = screen.getAllByRole("row")[1];
    if (!row) throw new Error("no row");
    const cells = within(row).getAllByRole("gridcell").map((c) => c.textContent.replace(/\s+/g, " ").trim());
    expect(cells[0]).toBe("Ada Lovelace Analytical Engines");
    expect(cells[1]).toBe("London, GB");
    expect(cells[3]).toBe(`${formatMoney({ minor: 71_450, currency: "GBP" })} 2 items`);
    expect(cells[4]).toBe("Under review");
    expect(cells[5]).toContain("2026");
  });

  it("explains that travel belongs to a summit when there is none", () => {
    render(TravelScreen, { props: { summit: null, summits: [summit] } });
    expect(screen.getByText("Travel funding belongs to a summit")).toBeTruthy();
    expect(document.querySelector('[data-ready="travel"]')).not.toBeNull();
    expect(commands.listTravelRequests).not.toHaveBeenCalled();
  });

  it("submits a request: the core's error under Lodging keeps the input, then saved and listed", async () => {
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    await fireEvent.click(screen.getByRole("button", { name: /New request/ }));
    const dialog = await screen.findByRole("dialog", { name: "New travel request" });
    expect(control("currency").value).toBe("EUR");

    await fireEvent.change(select("speaker_id"), { target: { value: "2" } });
    // the speaker's home becomes the origin
    expect(control("origin_city").value).toBe("Arlington");
    expect(control("origin_country").value).toBe("US");
    await fireEvent.input(control("airfare"), { target: { value: "850" } });
    await fireEvent.input(control("lodging"), { target: { value: "12,5" } });
    vi.mocked(commands.createTravelRequest).mockRejectedValueOnce({ code: "invalid", message: "\"12,5\" is not an amount", field: "lodging" });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Submit request" }));
    await waitFor(() => expect(errorOf("lodging")).toBe("\"12,5\" is not an amount"));
    expect(dialog.querySelector('[data-error-for="lodging"]')?.textContent.trim()).toBe("\"12,5\" is not an amount");
    expect(errorOf("airfare")).toBeNull();
    expect(control("lodging").value).toBe("12,5");
    expect(control("airfare").value).toBe("850");
    expect(screen.getByRole("dialog")).toBeTruthy();

    await fireEvent.input(control("lodging"), { target: { value: "12.50" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Submit request" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.createTravelRequest).toHaveBeenLastCalledWith({
      summit_id: 7,
      speaker_id: 2,
      currency: "EUR",
      origin_city: "Arlington",
      origin_country: "US",
      depart_on: null,
      return_on: null,
      lodging_nights: null,
      notes: null,
      items: [
        { category: "airfare", amount: "850" },
        { category: "lodging", amount: "12.50" },
        { category: "ground", amount: "" },
        { category: "visa", amount: "" },
        { category: "other", amount: "" },
      ],
    });
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(3));
    const selected = screen.getAllByRole("row").filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected.map((r) => r.textContent)).toEqual([expect.stringContaining("Grace Hopper")]);
  });

  it("puts a refused speaker under the speaker select and a missing amount under the amounts", async () => {
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    await fireEvent.click(screen.getByRole("button", { name: /New request/ }));
    const dialog = await screen.findByRole("dialog");
    vi.mocked(commands.createTravelRequest).mockRejectedValueOnce({
      code: "invalid",
      message: "speaker 1 already has a request for this summit",
      field: "speaker",
    });
    await fireEvent.change(select("speaker_id"), { target: { value: "1" } });
    await fireEvent.input(control("visa"), { target: { value: "60" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Submit request" }));
    await waitFor(() => expect(errorOf("speaker_id")).toBe("speaker 1 already has a request for this summit"));

    vi.mocked(commands.createTravelRequest).mockRejectedValueOnce({ code: "invalid", message: "a request needs at least one amount", field: "items" });
    await fireEvent.input(control("visa"), { target: { value: "" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Submit request" }));
    await waitFor(() => expect(dialog.querySelector('[data-error-for="items"]')?.textContent).toBe("a request needs at least one amount"));
    expect(errorOf("speaker_id")).toBeNull();
  });

  it("edits a request with its amounts as exact decimals and its status read-only", async () => {
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    const row = screen.getAllByRole("row")[1];
    if (!row) throw new Error("no row");
    await fireEvent.dblClick(row);
    const dialog = await screen.findByRole("dialog", { name: "Edit travel request" });
    expect(control("airfare").value).toBe("234.50");
    expect(control("lodging").value).toBe("480.00");
    expect(control("ground").value).toBe("");
    expect(select("speaker_id").value).toBe("1");
    expect(control("depart_on").value).toBe("2026-03-11");
    expect(control("lodging_nights").value).toBe("4");
    expect(within(dialog).getByText("Under review")).toBeTruthy();
    expect(dialog.querySelector('[name="status"]')).toBeNull();

    await fireEvent.input(control("ground"), { target: { value: "40" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.updateTravelRequest).toHaveBeenCalledWith(
      30,
      expect.objectContaining({
        currency: "GBP",
        notes: "Vegetarian",
        items: expect.arrayContaining([
          { category: "airfare", amount: "234.50" },
          { category: "lodging", amount: "480.00" },
          { category: "ground", amount: "40" },
        ]) as unknown,
      }),
    );
  });
});
