import { describe, expect, it } from "vitest";
import type { AuditEntry, TravelRow } from "../bindings/commands";
import { countriesOf, filterRows, historyDetails, historyLine, inZone, noRowFilter, policyDraft, scoreText, speakerDetail, toApprovalForm, toPolicyForm, utcText } from "./funding";

function row(id: number, extra: Partial<TravelRow>): TravelRow {
  return {
    id,
    rank: id,
    status: "submitted",
    summit_id: 1,
    speaker_id: id,
    speaker: `S${String(id)}`,
    first_time: false,
    country: null,
    origin_city: null,
    score: null,
    reviews: 0,
    requested: { minor: 100, currency: "EUR" },
    requested_base: null,
    approved: null,
    approved_base: null,
    pending: false,
    reimbursed: { minor: 0, currency: "EUR" },
    pool_remaining: null,
    submitted_at: "2026-01-01T00:00:00Z",
    ...extra,
  };
}

const entry: AuditEntry = {
  id: 7,
  at: "2026-05-01T10:00:00Z",
  actor: "Rosa",
  entity: "travel_request",
  entity_id: 3,
  action: "approve",
  state_before: "under-review",
  state_after: "approved",
  amount: { minor: 135_000, currency: "EUR" },
  details: JSON.stringify({ approved: { airfare: "800.00 EUR", lodging: "550.00 EUR" }, rate: "1.08", pool_remaining_after: "-50.00 USD", over_pool: true, pending: false }),
  reason: "keynote",
  prev_hash: "0".repeat(64),
  hash: "1".repeat(64),
};

describe("travel funding logic", () => {
  it("filters rows by status, country and first-time speakers together", () => {
    const rows = [row(1, { country: "FR", first_time: true }), row(2, { country: "DE", status: "approved" }), row(3, { country: "FR" })];
    expect(filterRows(rows, noRowFilter()).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(filterRows(rows, { ...noRowFilter(), country: "FR" }).map((r) => r.id)).toEqual([1, 3]);
    expect(filterRows(rows, { ...noRowFilter(), country: "FR", firstTime: true }).map((r) => r.id)).toEqual([1]);
    expect(filterRows(rows, { ...noRowFilter(), status: "approved" }).map((r) => r.id)).toEqual([2]);
    expect(countriesOf(rows)).toEqual(["DE", "FR"]);
  });

  it("writes scores with their number of reviews", () => {
    expect(scoreText({ score: null, reviews: 0 })).toBe("—");
    expect(scoreText({ score: 4, reviews: 1 })).toBe("4 (1 review)");
    expect(scoreText({ score: 4.25, reviews: 4 })).toBe("4.3 (4 reviews)");
  });

  it("puts a speaker's country and first time on the line under their name", () => {
    expect(speakerDetail({ country: "GB", first_time: true })).toBe("GB · First-time speaker");
    expect(speakerDetail({ country: "NG", first_time: false })).toBe("NG");
    expect(speakerDetail({ country: null, first_time: true })).toBe("First-time speaker");
    expect(speakerDetail({ country: null, first_time: false })).toBe("");
  });

  it("sends every category of an approval, blanks as null", () => {
    const form = toApprovalForm({ amounts: { airfare: " 800 ", lodging: "", ground: "0", visa: "", other: "" }, rate: " ", override_reason: "board", accept_by: "" });
    expect(form.amounts[0]).toEqual({ category: "airfare", amount: "800" });
    expect(form.amounts).toHaveLength(5);
    expect(form.rate).toBeNull();
    expect(form.override_reason).toBe("board");
    expect(form.accept_by).toBeNull();
  });

  it("reads a policy back into its form and sends it whole", () => {
    const draft = policyDraft({
      summit_id: 1,
      pool: { minor: 1_200_000, currency: "EUR" },
      airfare_cap: { minor: 110_000, currency: "EUR" },
      airfare_domestic_cap: null,
      airfare_international_cap: null,
      domestic_country: null,
      lodging_per_night: { minor: 19_000, currency: "EUR" },
      lodging_max_nights: null,
      ground_cap: { minor: 8_000, currency: "EUR" },
      visa_cap: { minor: 15_000, currency: "EUR" },
      other_cap: { minor: 0, currency: "EUR" },
      accept_by_days: 14,
      review_min: 1,
      review_max: 5,
    });
    expect(draft.pool).toBe("12000.00");
    const form = toPolicyForm(draft, 1, "EUR");
    expect(form).toMatchObject({ pool: "12000.00", airfare_domestic: null, lodging_max_nights: null, other: "0.00", accept_by_days: 14 });
  });

  it("tells an audit row as a sentence with its particulars, in UTC", () => {
    expect(historyLine(entry)).toMatch(/^Rosa approved .*1.?350/);
    expect(historyDetails(entry)).toEqual(["Airfare 800.00 EUR", "Lodging 550.00 EUR", "rate 1.08", "pool left after -50.00 USD", "over the pool (override)"]);
    expect(historyDetails({ ...entry, details: "not json" })).toEqual([]);
    expect(utcText(entry.at)).toBe("2026-05-01 10:00 UTC");
  });

  it("shows instants in the summit's zone", () => {
    expect(inZone("2026-06-09T13:00:00Z", "Europe/Paris", "en-GB")).toBe("9 Jun 2026, 15:00");
  });
});
