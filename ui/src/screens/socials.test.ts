import { describe, expect, it } from "vitest";
import type { GatheringKind, GatheringView, Summit } from "../bindings/commands";
import {
  draftFromView,
  filterByKind,
  headcountText,
  isKindFilter,
  KIND_FILTERS,
  kindForNew,
  kindsOf,
  newGatheringDraft,
  overCapacity,
  placeText,
  toGatheringForm,
  whenParts,
  whenSearchText,
  zoneCity,
} from "./socials";

const summit: Summit = {
  id: 7,
  name: "Northwind Open Source Summit",
  slug: "northwind",
  city: "Lyon",
  venue: "Centre de Congrès de Lyon",
  tz: "Europe/Paris",
  start_date: "2026-03-12",
  end_date: "2026-03-14",
  currency: "EUR",
  budget: null,
};

function view(id: number, kind: GatheringKind, extra: Partial<GatheringView> = {}): GatheringView {
  return {
    id,
    uid: `uid-${String(id)}`,
    sequence: 0,
    summit_id: 7,
    kind,
    title: `${kind} ${String(id)}`,
    description: null,
    start: "2026-03-12T18:00:00Z",
    end: "2026-03-12T21:00:00Z",
    start_local: "2026-03-12T19:00",
    end_local: "2026-03-12T22:00",
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
    ...extra,
  };
}

const mixed = [
  view(1, "session"),
  view(2, "social"),
  view(3, "meetup"),
  view(4, "milestone"),
  view(5, "social", { status: "cancelled" }),
  view(6, "session"),
];

describe("the kind filter", () => {
  it("offers the six choices, socials and meetups first, with 'all' for every kind", () => {
    expect(KIND_FILTERS.map((k) => k.label)).toEqual(["Socials & meetups", "All kinds", "Sessions", "Socials", "Meetups", "Milestones"]);
    expect(KIND_FILTERS.find((k) => k.label === "All kinds")?.value).toBe("all");
    expect(KIND_FILTERS.every((k) => isKindFilter(k.value))).toBe(true);
    expect(isKindFilter("party")).toBe(false);
  });

  it("keeps socials and meetups by default, cancelled ones too", () => {
    expect(kindsOf("socials-meetups")).toEqual(["social", "meetup"]);
    expect(filterByKind(mixed, "socials-meetups").map((g) => g.id)).toEqual([2, 3, 5]);
  });

  it("keeps one kind, in the list's order", () => {
    expect(filterByKind(mixed, "session").map((g) => g.id)).toEqual([1, 6]);
    expect(filterByKind(mixed, "milestone").map((g) => g.id)).toEqual([4]);
    expect(filterByKind(mixed, "meetup").map((g) => g.id)).toEqual([3]);
    expect(filterByKind(mixed, "social").map((g) => g.id)).toEqual([2, 5]);
  });

  it("returns the very list for 'all', without copying 10,000 rows", () => {
    expect(kindsOf("all")).toBeNull();
    expect(filterByKind(mixed, "all")).toBe(mixed);
  });

  it("filters a large list quickly", () => {
    const kinds: GatheringKind[] = ["session", "social", "meetup", "milestone"];
    const many = Array.from({ length: 10_415 }, (_, i) => ({ kind: kinds[i % 50 === 0 ? 1 + (i % 3) : 0] ?? "session" }));
    const started = performance.now();
    const shown = filterByKind(many, "socials-meetups");
    expect(performance.now() - started).toBeLessThan(50);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((g) => g.kind === "social" || g.kind === "meetup")).toBe(true);
  });

  it("picks the kind of a new gathering from what is shown", () => {
    expect(kindForNew("socials-meetups", false)).toBe("social");
    expect(kindForNew("all", false)).toBe("social");
    expect(kindForNew("milestone", false)).toBe("milestone");
    expect(kindForNew("meetup", false)).toBe("meetup");
    expect(kindForNew("session", false)).toBe("session");
    expect(kindForNew("social", true)).toBe("meetup");
  });
});

describe("what the list shows", () => {
  it("shows the day and the times of the venue's wall clock", () => {
    expect(whenParts("2026-03-12T19:00", "2026-03-12T22:00", "en-GB")).toEqual({ day: "Thu, 12 Mar 2026", time: "19:00–22:00" });
  });

  it("spans days and shows an instant once", () => {
    const across = whenParts("2026-03-12T22:00", "2026-03-13T02:00", "en-GB");
    expect(across.time).toBe("22:00 → 02:00");
    expect(across.day).toContain("12");
    expect(across.day).toContain("13");
    expect(whenParts("2026-01-10T00:00", "2026-01-10T00:00", "en-GB").time).toBe("00:00");
  });

  it("indexes the day and time for the filter without formatting each row", () => {
    expect(whenSearchText("2027-01-05T19:00")).toBe("Tue 5 Jan 2027 19:00");
    expect(whenSearchText("garbage")).toBe("garbage");
    const many = Array.from({ length: 10_000 }, (_, i) => `2027-01-${String(1 + (i % 28)).padStart(2, "0")}T10:${String(i % 60).padStart(2, "0")}`);
    const started = performance.now();
    for (const start of many) whenSearchText(start);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("names a zone by its city", () => {
    expect(zoneCity("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    expect(zoneCity("UTC")).toBe("UTC");
  });

  it("joins venue and room, and shows expected of capacity", () => {
    expect(placeText({ venue: "Le Sirius", room: "Deck" })).toBe("Le Sirius · Deck");
    expect(placeText({ venue: null, room: null })).toBe("");
    expect(headcountText({ capacity: 150, expected_headcount: 90 })).toBe("90 / 150");
    expect(headcountText({ capacity: 150, expected_headcount: null })).toBe("— / 150");
    expect(headcountText({ capacity: null, expected_headcount: 12 })).toBe("12");
    expect(headcountText({ capacity: null, expected_headcount: null })).toBe("—");
    expect(overCapacity({ capacity: 120, expected_headcount: 135 })).toBe(true);
    expect(overCapacity({ capacity: 120, expected_headcount: 120 })).toBe(false);
  });
});

describe("the gathering form", () => {
  it("prefills a new social on the summit's first day, 19:00–22:00 in its zone", () => {
    const draft = newGatheringDraft(summit, "social");
    expect(draft).toMatchObject({ kind: "social", start: "2026-03-12T19:00", end: "2026-03-12T22:00", tz: "Europe/Paris", status: "tentative" });
  });

  it("prefills a standalone meetup tomorrow evening in the user's zone", () => {
    const draft = newGatheringDraft(null, "meetup", new Date(2026, 0, 31, 12));
    expect(draft.start).toBe("2026-02-01T18:30");
    expect(draft.end).toBe("2026-02-01T21:00");
    expect(draft.tz).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(draft.audience).toBe("public");
  });

  it("sends blanks as null and keeps the typed text otherwise", () => {
    const draft = { ...newGatheringDraft(summit, "social"), title: "Boat party", venue: "  ", room: "Deck", capacity: 80 };
    expect(toGatheringForm(draft, 7)).toEqual({
      summit_id: 7,
      kind: "social",
      title: "Boat party",
      description: null,
      start: "2026-03-12T19:00",
      end: "2026-03-12T22:00",
      tz: "Europe/Paris",
      venue: null,
      room: "Deck",
      url: null,
      geo: null,
      track: null,
      capacity: 80,
      expected_headcount: null,
      audience: "attendees",
      status: "tentative",
      recurrence: null,
    });
  });

  it("shows a link and map position as typed and sends them as text", () => {
    const stored = view(9, "social", { url: "https://example.org/party", geo: { latitude: 45.7578, longitude: -4.832 } });
    const draft = draftFromView(stored);
    expect(draft.url).toBe("https://example.org/party");
    expect(draft.geo).toBe("45.7578, -4.832");
    expect(toGatheringForm({ ...draft, url: " ", geo: "1, 2" }, 1)).toMatchObject({ url: null, geo: "1, 2" });
    expect(draftFromView(view(10, "social", {})).geo).toBe("");
  });

  it("edits a stored gathering's local times and round-trips it", () => {
    const stored = view(9, "meetup", { venue: "Le Tuba", recurrence: "FREQ=MONTHLY;BYDAY=1TH", capacity: 40, summit_id: null });
    const draft = draftFromView(stored);
    expect(draft.start).toBe("2026-03-12T19:00");
    expect(toGatheringForm(draft, null)).toMatchObject({
      summit_id: null,
      start: stored.start_local,
      end: stored.end_local,
      venue: "Le Tuba",
      recurrence: "FREQ=MONTHLY;BYDAY=1TH",
      capacity: 40,
    });
  });
});
