import { describe, expect, it } from "vitest";
import type { TravelRequest } from "../bindings/commands";
import { formatDate, formatDateRange } from "../lib/format";
import {
  draftFromRequest,
  emptyTravelDraft,
  formatInstant,
  originText,
  requestedTotal,
  sumTotals,
  toTravelForm,
  travelDates,
  travelFormErrors,
} from "./travel";

const request: TravelRequest = {
  id: 3,
  status: "under-review",
  submitted_at: "2026-01-20T08:30:00Z",
  summit_id: 7,
  speaker_id: 11,
  currency: "EUR",
  origin_city: "Lisbon",
  origin_country: "PT",
  depart_on: "2026-03-11",
  return_on: "2026-03-15",
  lodging_nights: 4,
  notes: null,
  items: [
    { category: "airfare", requested: { minor: 123_450, currency: "EUR" } },
    { category: "lodging", requested: { minor: 48_000, currency: "EUR" } },
    { category: "visa", requested: { minor: 5, currency: "EUR" } },
  ],
};

describe("the travel form", () => {
  it("edits stored amounts as their exact decimal text, blank where not requested", () => {
    const draft = draftFromRequest(request);
    expect(draft.amounts).toEqual({ airfare: "1234.50", lodging: "480.00", ground: "", visa: "0.05", other: "" });
    const yen = draftFromRequest({ ...request, currency: "JPY", items: [{ category: "other", requested: { minor: 9000, currency: "JPY" } }] });
    expect(yen.amounts.other).toBe("9000");
  });

  it("sends every category with its text and blank optional fields as null", () => {
    const draft = { ...emptyTravelDraft("EUR"), speaker_id: 11, origin_city: "Porto", depart_on: "2026-03-11" };
    draft.amounts.airfare = " 250.5 ";
    expect(toTravelForm(draft, 7)).toEqual({
      summit_id: 7,
      speaker_id: 11,
      currency: "EUR",
      origin_city: "Porto",
      origin_country: null,
      depart_on: "2026-03-11",
      return_on: null,
      lodging_nights: null,
      notes: null,
      items: [
        { category: "airfare", amount: "250.5" },
        { category: "lodging", amount: "" },
        { category: "ground", amount: "" },
        { category: "visa", amount: "" },
        { category: "other", amount: "" },
      ],
    });
  });

  it("round-trips a stored request", () => {
    const form = toTravelForm(draftFromRequest(request), 7);
    expect(form.items.filter((i) => i.amount !== "")).toEqual([
      { category: "airfare", amount: "1234.50" },
      { category: "lodging", amount: "480.00" },
      { category: "visa", amount: "0.05" },
    ]);
    expect(form.lodging_nights).toBe(4);
  });

  it("puts the core's errors under the amount, the speaker select or the form", () => {
    expect(travelFormErrors({ code: "invalid", message: "is not an amount", field: "lodging" }).fields).toEqual({ lodging: "is not an amount" });
    expect(travelFormErrors({ code: "invalid", message: "already has a request", field: "speaker" }).fields).toEqual({
      speaker_id: "already has a request",
    });
    expect(travelFormErrors({ code: "invalid", message: "a request needs at least one amount", field: "items" }).fields).toEqual({
      items: "a request needs at least one amount",
    });
    expect(travelFormErrors({ code: "db", message: "disk full", field: null })).toEqual({ fields: {}, form: "disk full" });
  });
});

describe("what the list shows", () => {
  it("sums what a request asks for", () => {
    expect(requestedTotal(request)).toEqual({ minor: 171_455, currency: "EUR" });
    expect(sumTotals([request, { currency: "USD", items: [{ category: "other", requested: { minor: 100, currency: "USD" } }] }, request])).toEqual([
      { minor: 342_910, currency: "EUR" },
      { minor: 100, currency: "USD" },
    ]);
  });

  it("shows origin and dates", () => {
    expect(originText(request)).toBe("Lisbon, PT");
    expect(originText({ origin_city: null, origin_country: "PT" })).toBe("PT");
    expect(travelDates(request)).toBe(formatDateRange("2026-03-11", "2026-03-15"));
    expect(travelDates({ depart_on: "2026-03-11", return_on: null })).toBe(`from ${formatDate("2026-03-11")}`);
    expect(travelDates({ depart_on: null, return_on: null })).toBe("");
  });

  it("shows when it was submitted in the user's zone, and unknown text as is", () => {
    expect(formatInstant("2026-01-20T08:30:00Z", "en-GB")).toMatch(/20 Jan 2026/);
    expect(formatInstant("soon")).toBe("soon");
  });
});
