import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Summit, TravelDetail, TravelRequest } from "../bindings/commands";

vi.mock("../bindings/commands", () => ({
  commands: { bookTravel: vi.fn(), payTravel: vi.fn() },
}));

const { commands } = await import("../bindings/commands");
const { default: BookingDialog } = await import("./BookingDialog.svelte");
const { default: PaymentDialog } = await import("./PaymentDialog.svelte");

const summit: Summit = {
  id: 7,
  name: "Northwind",
  slug: "northwind",
  city: "Lyon",
  venue: null,
  tz: "Europe/Paris",
  start_date: "2026-06-10",
  end_date: "2026-06-12",
  currency: "EUR",
  budget: null,
};

const request: TravelRequest = {
  id: 30,
  status: "booked",
  submitted_at: "2026-01-20T08:30:00Z",
  summit_id: 7,
  speaker_id: 1,
  currency: "GBP",
  origin_city: null,
  origin_country: "GB",
  depart_on: null,
  return_on: null,
  lodging_nights: 4,
  notes: null,
  items: [{ category: "airfare", requested: { minor: 50_000, currency: "GBP" } }],
};

const detail: TravelDetail = {
  row: {
    id: 30, rank: 1, status: "booked", summit_id: 7, speaker_id: 1, speaker: "Ada Lovelace", first_time: false, country: "GB",
    origin_city: null, score: null, reviews: 0, requested: { minor: 50_000, currency: "GBP" }, requested_base: null,
    approved: { minor: 40_000, currency: "GBP" }, approved_base: { minor: 46_800, currency: "EUR" }, pending: false,
    reimbursed: { minor: 10_000, currency: "GBP" }, pool_remaining: null, submitted_at: "2026-01-20T08:30:00Z",
  },
  request,
  caps: [],
  approval: {
    request_id: 30, items: [{ category: "airfare", approved: { minor: 40_000, currency: "GBP" } }], total: { minor: 40_000, currency: "GBP" },
    rate: "1.17", total_base: { minor: 46_800, currency: "EUR" }, accept_by: "2026-02-10", override_reason: null, pending: false,
    approved_by: "Olu", approved_at: "2026-01-27T10:00:00Z",
  },
  reviews: [],
  booking: {
    request_id: 30, flight_ref: "BA 330", hotel_ref: null, arrive_at: "2026-06-09T13:00:00Z", depart_at: "2026-06-13T08:30:00Z",
    nights: 4, booked_at: "2026-02-01T10:00:00Z",
  },
  receipts: [],
  payments: [],
  money: { summit_id: 7, pool: null, committed: { minor: 0, currency: "EUR" }, spent: { minor: 0, currency: "EUR" }, remaining: null },
  history: [],
  actions: ["book", "reimburse", "withdraw"],
};

function input(name: string): HTMLInputElement {
  const element = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no input ${name}`);
  return element;
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe("travel dialogs", () => {
  it("opens a booking with its times in the summit's zone and sends them with the zone", async () => {
    const onsaved = vi.fn();
    render(BookingDialog, { props: { detail, summit, actor: "Olu", onsaved, onclose: vi.fn() } });
    // 13:00 UTC is 15:00 in Paris in June.
    expect(input("arrive").value).toBe("2026-06-09T15:00");
    expect(input("depart").value).toBe("2026-06-13T10:30");
    expect(input("flight_ref").value).toBe("BA 330");
    vi.mocked(commands.bookTravel).mockRejectedValueOnce({ code: "invalid", message: "depart: the departure is before the arrival", field: "depart" });
    const dialog = screen.getByRole("dialog");
    await fireEvent.click(within(dialog).getByRole("button", { name: "Record booking" }));
    await waitFor(() => expect(dialog.querySelector('[data-error-for="depart"]')?.textContent).toBe("the departure is before the arrival"));
    vi.mocked(commands.bookTravel).mockResolvedValueOnce(request);
    await fireEvent.click(within(dialog).getByRole("button", { name: "Record booking" }));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(commands.bookTravel).toHaveBeenLastCalledWith(30, "Olu", {
      flight_ref: "BA 330", hotel_ref: null, arrive: "2026-06-09T15:00", depart: "2026-06-13T10:30", tz: "Europe/Paris", nights: 4,
    });
  });

  it("records a payment; paying more than approved shows the core's message under the amount", async () => {
    const onsaved = vi.fn();
    render(PaymentDialog, { props: { detail, actor: "Olu", onsaved, onclose: vi.fn() } });
    const dialog = screen.getByRole("dialog");
    expect(dialog.textContent).toContain("left to pay");
    await fireEvent.input(input("amount"), { target: { value: "300.01" } });
    const message = "amount: paying 300.01 GBP would bring payments to 400.01 GBP, more than the 400.00 GBP approved (300.00 GBP left to pay)";
    vi.mocked(commands.payTravel).mockRejectedValueOnce({ code: "invalid", message, field: "amount" });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Record payment" }));
    await waitFor(() => expect(dialog.querySelector('[data-error-for="amount"]')?.textContent).toBe(message.slice("amount: ".length)));
    expect(input("amount").value).toBe("300.01");
    await fireEvent.input(input("amount"), { target: { value: "300" } });
    await fireEvent.click(input("last"));
    vi.mocked(commands.payTravel).mockResolvedValueOnce({ ...request, status: "reimbursed" });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Record payment" }));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(commands.payTravel).toHaveBeenLastCalledWith(30, "Olu", expect.objectContaining({ amount: "300", rate: null, last: true }));
  });
});
