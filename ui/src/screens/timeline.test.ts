import { describe, expect, it } from "vitest";
import {
  assignLanes,
  blockBox,
  clockLabel,
  columnOf,
  columnsFor,
  dayRange,
  gatheringTimeSpan,
  hourMarks,
  layoutDay,
  minutesOn,
  nowIn,
  pickDay,
  splitLocal,
  visibleBlocks,
  visibleColumns,
  type TimelineItem,
} from "./timeline";

let nextId = 1;
function item(start: string, end: string, room: string | null = "Room 1", venue: string | null = "Centre"): TimelineItem {
  return { id: nextId++, start_local: start, end_local: end, room, venue };
}

describe("local times", () => {
  it("splits a local date-time into its day and minutes", () => {
    expect(splitLocal("2027-01-05T09:30")).toEqual({ day: "2027-01-05", minutes: 570 });
    expect(splitLocal("nonsense")).toBeNull();
  });

  it("clamps a gathering that runs past midnight to its start day", () => {
    expect(minutesOn(item("2027-01-05T22:00", "2027-01-06T02:00"))).toEqual({ start: 1320, end: 1440, continues: true });
    expect(minutesOn(item("2027-01-05T09:00", "2027-01-05T09:00"))).toEqual({ start: 540, end: 540, continues: false });
    // across a month end too
    expect(minutesOn(item("2027-01-31T23:00", "2027-02-01T01:00")).continues).toBe(true);
  });
});

describe("grouping", () => {
  it("puts each gathering in its room, else its venue, else Elsewhere, rooms in natural order", () => {
    expect(columnOf({ room: "Room 2", venue: "Centre" }).key).toBe("room:Room 2");
    expect(columnOf({ room: null, venue: "Le Sirius" })).toEqual({ key: "venue:Le Sirius", label: "Le Sirius", kind: "venue" });
    expect(columnOf({ room: " ", venue: null }).kind).toBe("elsewhere");
    const columns = columnsFor([
      { room: null, venue: null },
      { room: "Room 10", venue: "C" },
      { room: null, venue: "Boat" },
      { room: "Room 2", venue: "C" },
      { room: "Auditorium", venue: "C" },
      { room: "Room 2", venue: "C" },
    ]);
    expect(columns.map((c) => c.label)).toEqual(["Auditorium", "Room 2", "Room 10", "Boat", "Elsewhere"]);
  });
});

describe("lanes", () => {
  it("keeps intervals that do not overlap in one full-width lane", () => {
    expect(assignLanes([{ start: 0, end: 30 }, { start: 30, end: 60 }, { start: 90, end: 120 }])).toEqual([
      { lane: 0, lanes: 1 },
      { lane: 0, lanes: 1 },
      { lane: 0, lanes: 1 },
    ]);
  });

  it("puts overlapping intervals side by side, per cluster", () => {
    const lanes = assignLanes([
      { start: 0, end: 60 }, // A
      { start: 30, end: 90 }, // B overlaps A
      { start: 60, end: 120 }, // C overlaps B, reuses A's lane
      { start: 200, end: 230 }, // D alone
    ]);
    expect(lanes).toEqual([
      { lane: 0, lanes: 2 },
      { lane: 1, lanes: 2 },
      { lane: 0, lanes: 2 },
      { lane: 0, lanes: 1 },
    ]);
  });

  it("gives simultaneous zero-length milestones lanes of their own", () => {
    expect(assignLanes([{ start: 600, end: 600 }, { start: 600, end: 600 }, { start: 605, end: 605 }])).toEqual([
      { lane: 0, lanes: 3 },
      { lane: 1, lanes: 3 },
      { lane: 2, lanes: 3 },
    ]);
  });

  it("answers in input order whatever the order given", () => {
    const lanes = assignLanes([{ start: 30, end: 90 }, { start: 0, end: 60 }]);
    expect(lanes).toEqual([
      { lane: 1, lanes: 2 },
      { lane: 0, lanes: 2 },
    ]);
  });

  it("lays out thousands of intervals quickly", () => {
    const intervals = Array.from({ length: 20_000 }, (_, i) => ({ start: (i * 7) % 1400, end: ((i * 7) % 1400) + 25 }));
    const started = performance.now();
    const lanes = assignLanes(intervals);
    expect(performance.now() - started).toBeLessThan(500);
    expect(lanes).toHaveLength(20_000);
  });
});

describe("a day's layout", () => {
  const day = "2027-01-05";
  const r1a = item(`${day}T09:00`, `${day}T10:00`, "Room 1");
  const r1b = item(`${day}T09:30`, `${day}T10:30`, "Room 1");
  const r2 = item(`${day}T11:00`, `${day}T11:45`, "Room 2");
  const party = item(`${day}T19:00`, `${day}T23:00`, null, "La Sucrière");
  const layout = layoutDay(day, [party, r2, r1b, r1a]);

  it("has one column per room, then venues", () => {
    expect(layout.columns.map((c) => c.label)).toEqual(["Room 1", "Room 2", "La Sucrière"]);
    expect(layout.blocks.map((col) => col.map((b) => b.item.id))).toEqual([[r1a.id, r1b.id], [r2.id], [party.id]]);
    expect(layout.count).toBe(4);
  });

  it("covers whole hours around every block", () => {
    expect(layout.range).toEqual({ start: 9 * 60, end: 23 * 60 });
    expect(hourMarks(layout.range)).toHaveLength(15);
    expect(dayRange([])).toEqual({ start: 540, end: 660 });
    // a lone milestone at midnight still gets a two-hour axis
    expect(dayRange([item(`${day}T00:00`, `${day}T00:00`)])).toEqual({ start: 0, end: 120 });
    expect(dayRange([item(`${day}T23:30`, `${day}T23:30`)])).toEqual({ start: 22 * 60, end: 24 * 60 });
  });

  it("positions blocks by minutes, overlapping ones side by side", () => {
    const geometry = { pxPerMinute: 2, columnWidth: 100, gap: 4 };
    const [a, b] = layout.blocks[0] ?? [];
    if (!a || !b) throw new Error("missing blocks");
    const boxA = blockBox(a, layout.range, geometry);
    const boxB = blockBox(b, layout.range, geometry);
    expect(boxA.top).toBe(0);
    expect(boxA.height).toBe(118); // 60 min × 2 px, less 2 px breathing room
    expect(boxB.top).toBe(60);
    expect(boxA.left).toBe(2);
    expect(boxB.left).toBeCloseTo(2 + 48);
    expect(boxA.width).toBeCloseTo(46);
    const [p] = layout.blocks[2] ?? [];
    if (!p) throw new Error("missing party");
    const boxP = blockBox(p, layout.range, geometry);
    expect(boxP.left).toBe(202);
    expect(boxP.width).toBe(96);
    expect(boxP.top).toBe(10 * 60 * 2);
  });

  it("keeps given columns (the unfiltered day's) and axis when filtering", () => {
    const filtered = layoutDay(day, [r2], { columns: layout.columns, range: layout.range });
    expect(filtered.columns.map((c) => c.label)).toEqual(["Room 1", "Room 2", "La Sucrière"]);
    expect(filtered.blocks.map((c) => c.length)).toEqual([0, 1, 0]);
    expect(filtered.range).toEqual(layout.range);
  });
});

describe("windowing", () => {
  it("renders only the columns and rows in view", () => {
    const day = "2027-01-05";
    const items: TimelineItem[] = [];
    for (let room = 1; room <= 40; room++) {
      for (let slot = 0; slot < 20; slot++) {
        const start = 9 * 60 + slot * 30;
        const t = (m: number) => `${day}T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        items.push(item(t(start), t(start + 25), `Room ${room}`));
      }
    }
    const layout = layoutDay(day, items);
    const geometry = { pxPerMinute: 2, columnWidth: 150 };
    expect(visibleColumns(40, 150, { left: 0, top: 0, width: 600, height: 400 })).toEqual([0, 5]);
    expect(visibleColumns(40, 150, { left: 1500, top: 0, width: 600, height: 400 })).toEqual([9, 15]);
    const shown = visibleBlocks(layout, geometry, { left: 0, top: 0, width: 600, height: 400 }, 0);
    // 5 columns × the slots that start within 200 minutes
    expect(shown).toHaveLength(5 * 7);
    expect(new Set(shown.map((b) => b.item.room))).toEqual(new Set(["Room 1", "Room 2", "Room 3", "Room 4", "Room 5"]));
    const lower = visibleBlocks(layout, geometry, { left: 0, top: 1000, width: 300, height: 200 }, 0);
    expect(lower.every((b) => (b.start - layout.range.start) * 2 + 50 >= 1000 && (b.start - layout.range.start) * 2 <= 1200)).toBe(true);
  });
});

describe("days", () => {
  it("opens a remembered day, today, the summit's first day, or the next day with gatherings", () => {
    const days = ["2026-11-06", "2027-01-05", "2027-01-06"];
    expect(pickDay(days, "2026-11-21", ["2027-01-06"])).toBe("2027-01-06");
    expect(pickDay(days, "2027-01-05", [null, "2027-01-05"])).toBe("2027-01-05");
    expect(pickDay(days, "2026-11-21", ["2026-12-01", "2027-01-05"])).toBe("2027-01-05");
    expect(pickDay(days, "2026-11-21")).toBe("2027-01-05");
    expect(pickDay(days, "2028-01-01")).toBe("2026-11-06");
    expect(pickDay([], "2028-01-01")).toBeNull();
  });

  it("writes times as the locale does", () => {
    expect(clockLabel(9 * 60, "en-GB")).toBe("09:00");
    expect(clockLabel(24 * 60, "en-GB")).toBe("00:00");
    expect(clockLabel(18 * 60 + 30, "en-US").replace(/\s/g, " ")).toBe("6:30 PM");
  });

  it("tells the wall-clock time in a zone", () => {
    expect(nowIn("Europe/Paris", new Date("2027-01-05T08:30:00Z"))).toBe("2027-01-05T09:30");
    expect(nowIn("Asia/Tokyo", new Date("2027-01-05T20:00:00Z"))).toBe("2027-01-06T05:00");
    expect(nowIn("Not/AZone")).toBeNull();
  });
});

describe("gatheringTimeSpan", () => {
  it("says a milestone takes the day, and gives others their times", () => {
    const at = { start_local: "2026-11-26T00:00", end_local: "2026-11-26T00:00" };
    expect(gatheringTimeSpan({ kind: "milestone", ...at })).toBe("All day");
    expect(gatheringTimeSpan({ kind: "social", ...at })).not.toBe("All day");
  });
});
