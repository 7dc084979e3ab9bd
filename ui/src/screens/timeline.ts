// The timeline's layout, as plain arithmetic: a day's gatherings (the day they start on, in their
// venue's zone, from `start_local`), one column per room, blocks placed by their start and end
// minutes, overlapping blocks in one column side by side. Nothing here touches the DOM, so the
// screen can lay out a 2,600-gathering day in a few milliseconds and render only what is in view.
import type { Audience, GatheringKind, GatheringStatus } from "../bindings/commands";
import { formatDateTime, formatTime } from "../lib/format";

/** What the layout needs of a gathering (GatheringView has all of it). */
export interface TimelineItem {
  id: number;
  start_local: string;
  end_local: string;
  room: string | null;
  venue: string | null;
}

export const MINUTES_PER_DAY = 24 * 60;

/**
 * The shortest a block is laid out as, in minutes: a milestone (start = end) still gets a block,
 * and two milestones at one time sit side by side rather than on top of each other.
 */
export const MIN_BLOCK_MINUTES = 20;

/** "2027-01-05T09:30" as its day and minutes since that day's midnight; null if it is not one. */
export function splitLocal(text: string): { day: string; minutes: number } | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (!match) return null;
  const [, day, h, m] = match;
  if (day === undefined || h === undefined || m === undefined) return null;
  return { day, minutes: Number(h) * 60 + Number(m) };
}

/** The day a gathering is on: the date of its local start. */
export function dayOf(item: Pick<TimelineItem, "start_local">): string {
  return item.start_local.slice(0, 10);
}

/** Whole days between two "YYYY-MM-DD" dates (b − a). */
function daysBetween(a: string, b: string): number {
  const ms = Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10));
  return Math.round(ms / 86_400_000);
}

/**
 * Where on its start day a gathering lies, in minutes since midnight: the end is clamped to the
 * end of that day (`continues` says it goes on) and never before the start.
 */
export function minutesOn(item: Pick<TimelineItem, "start_local" | "end_local">): { start: number; end: number; continues: boolean } {
  const start = splitLocal(item.start_local);
  const end = splitLocal(item.end_local);
  if (!start) return { start: 0, end: 0, continues: false };
  if (!end) return { start: start.minutes, end: start.minutes, continues: false };
  const days = daysBetween(start.day, end.day);
  const endMinutes = end.minutes + days * MINUTES_PER_DAY;
  const continues = endMinutes > MINUTES_PER_DAY;
  return { start: start.minutes, end: Math.max(start.minutes, Math.min(endMinutes, MINUTES_PER_DAY)), continues };
}

// ---- columns -----------------------------------------------------------------------------------

export type ColumnKind = "room" | "venue" | "elsewhere";

export interface TimelineColumn {
  /** Stable across days: "room:Room 1", "venue:Le Sirius", "elsewhere". */
  key: string;
  label: string;
  kind: ColumnKind;
}

const ELSEWHERE: TimelineColumn = { key: "elsewhere", label: "Elsewhere", kind: "elsewhere" };

/** The column a gathering goes in: its room; without one, its venue; without either, "Elsewhere". */
export function columnOf(item: Pick<TimelineItem, "room" | "venue">): TimelineColumn {
  const room = item.room?.trim();
  if (room) return { key: `room:${room}`, label: room, kind: "room" };
  const venue = item.venue?.trim();
  if (venue) return { key: `venue:${venue}`, label: venue, kind: "venue" };
  return ELSEWHERE;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
const KIND_ORDER: Record<ColumnKind, number> = { room: 0, venue: 1, elsewhere: 2 };

/** Rooms first in natural order (Room 2 before Room 10), then venues, then "Elsewhere". */
export function compareColumns(a: TimelineColumn, b: TimelineColumn): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.label, b.label);
}

// ---- lanes -------------------------------------------------------------------------------------

export interface Interval {
  start: number;
  end: number;
}

/**
 * Side-by-side lanes for overlapping intervals of one column. Intervals that overlap, directly or
 * through others, form a cluster; each gets the first lane free at its start, and every interval
 * of a cluster is drawn 1/lanes wide, where lanes is how many the cluster needed. Intervals shorter
 * than `minLength` count as that long. Returns lane and lanes per interval, in the input order.
 * O(n log n) for the sort plus O(n · lanes) for the placement.
 */
export function assignLanes(intervals: readonly Interval[], minLength = MIN_BLOCK_MINUTES): { lane: number; lanes: number }[] {
  const order = intervals
    .map((iv, index) => ({ index, start: iv.start, end: Math.max(iv.end, iv.start + minLength) }))
    .sort((a, b) => a.start - b.start || b.end - a.end || a.index - b.index);
  const result: { lane: number; lanes: number }[] = intervals.map(() => ({ lane: 0, lanes: 1 }));
  let cluster: number[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    for (const index of cluster) {
      const placed = result[index];
      if (placed) placed.lanes = laneEnds.length;
    }
    cluster = [];
    laneEnds = [];
  };
  for (const iv of order) {
    if (iv.start >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= iv.start);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(iv.end);
    } else {
      laneEnds[lane] = iv.end;
    }
    const placed = result[iv.index];
    if (placed) placed.lane = lane;
    cluster.push(iv.index);
    clusterEnd = Math.max(clusterEnd, iv.end);
  }
  close();
  return result;
}

// ---- one day -----------------------------------------------------------------------------------

export interface PlacedBlock<T> {
  item: T;
  column: number;
  /** Minutes since the day's midnight. */
  start: number;
  end: number;
  /** Goes on past midnight. */
  continues: boolean;
  lane: number;
  lanes: number;
}

export interface DayLayout<T> {
  day: string;
  columns: TimelineColumn[];
  /** Each column's blocks, by start. */
  blocks: PlacedBlock<T>[][];
  /** The minutes the axis covers: whole hours around every block, at least `minHours` long. */
  range: Interval;
  count: number;
}

export interface LayoutOptions {
  /** The shortest axis, in hours. */
  minHours?: number;
  /** Columns to show even when empty (e.g. the day's rooms before filtering), by key. */
  columns?: readonly TimelineColumn[];
  /** The axis to use, e.g. the unfiltered day's, so filtering does not move the hours. */
  range?: Interval;
}

/** The axis for a set of gatherings of one day: whole hours, at least `minHours` long. */
export function dayRange(items: readonly Pick<TimelineItem, "start_local" | "end_local">[], minHours = 2): Interval {
  let first = Infinity;
  let last = -Infinity;
  for (const item of items) {
    const { start, end } = minutesOn(item);
    first = Math.min(first, start);
    last = Math.max(last, end, start + MIN_BLOCK_MINUTES);
  }
  if (first === Infinity) return { start: 9 * 60, end: 9 * 60 + minHours * 60 };
  let start = Math.floor(first / 60) * 60;
  let end = Math.min(MINUTES_PER_DAY, Math.ceil(last / 60) * 60);
  const short = minHours * 60 - (end - start);
  if (short > 0) {
    end = Math.min(MINUTES_PER_DAY, end + short);
    start = Math.max(0, end - minHours * 60);
  }
  return { start, end };
}

/** The columns a day's gatherings use, in order. */
export function columnsFor(items: readonly Pick<TimelineItem, "room" | "venue">[]): TimelineColumn[] {
  const seen = new Map<string, TimelineColumn>();
  for (const item of items) {
    const column = columnOf(item);
    if (!seen.has(column.key)) seen.set(column.key, column);
  }
  return [...seen.values()].sort(compareColumns);
}

/** Lays out one day's gatherings: columns, blocks per column with their lanes, the axis. */
export function layoutDay<T extends TimelineItem>(day: string, items: readonly T[], options: LayoutOptions = {}): DayLayout<T> {
  const columns = options.columns ? [...options.columns] : columnsFor(items);
  const index = new Map(columns.map((c, i) => [c.key, i]));
  for (const item of items) {
    const column = columnOf(item);
    if (!index.has(column.key)) {
      index.set(column.key, columns.length);
      columns.push(column);
    }
  }
  const perColumn: PlacedBlock<T>[][] = columns.map(() => []);
  for (const item of items) {
    const column = index.get(columnOf(item).key) ?? 0;
    const { start, end, continues } = minutesOn(item);
    perColumn[column]?.push({ item, column, start, end, continues, lane: 0, lanes: 1 });
  }
  for (const blocks of perColumn) {
    blocks.sort((a, b) => a.start - b.start || a.end - b.end || a.item.id - b.item.id);
    const lanes = assignLanes(blocks);
    blocks.forEach((block, i) => {
      const placed = lanes[i];
      if (placed) {
        block.lane = placed.lane;
        block.lanes = placed.lanes;
      }
    });
  }
  return {
    day,
    columns,
    blocks: perColumn,
    range: options.range ?? dayRange(items, options.minHours),
    count: items.length,
  };
}

// ---- pixels ------------------------------------------------------------------------------------

export interface Geometry {
  /** Vertical pixels per minute. */
  pxPerMinute: number;
  /** Width of one column, in pixels. */
  columnWidth: number;
  /** Space kept free at each side of a column and between side-by-side blocks. */
  gap?: number;
}

export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** Where a block is drawn, in pixels from the top left of the grid (the first column, the axis start). */
export function blockBox(block: Pick<PlacedBlock<unknown>, "column" | "start" | "end" | "lane" | "lanes">, range: Interval, geometry: Geometry): Box {
  const gap = geometry.gap ?? 4;
  const top = (block.start - range.start) * geometry.pxPerMinute;
  const height = Math.max(block.end - block.start, MIN_BLOCK_MINUTES) * geometry.pxPerMinute;
  const inner = geometry.columnWidth - gap;
  const laneWidth = inner / block.lanes;
  return {
    top,
    left: block.column * geometry.columnWidth + gap / 2 + block.lane * laneWidth,
    width: Math.max(laneWidth - (block.lanes > 1 ? gap / 2 : 0), 1),
    height: Math.max(height - 2, 1),
  };
}

/** The hours the axis labels: every whole hour from the range's start to its end. */
export function hourMarks(range: Interval): number[] {
  const marks: number[] = [];
  for (let m = Math.ceil(range.start / 60) * 60; m <= range.end; m += 60) marks.push(m);
  return marks;
}

/** Minutes as "09:00". */
export function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Minutes since midnight as the user's locale writes a time: "09:00", "9:00 AM"; midnight at the end of the day too. */
export function clockLabel(minutes: number, locale?: string): string {
  return formatTime(`2000-01-01T${clock(minutes % MINUTES_PER_DAY)}`, locale);
}

export interface Viewport {
  /** Scroll offsets and size of the visible part of the grid, in pixels (grid coordinates). */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The columns at least partly in view (with `overscan` more on each side): [first, last). */
export function visibleColumns(count: number, columnWidth: number, viewport: Viewport, overscan = 1): [number, number] {
  if (count === 0 || columnWidth <= 0) return [0, 0];
  const first = Math.max(0, Math.floor(viewport.left / columnWidth) - overscan);
  const last = Math.min(count, Math.ceil((viewport.left + viewport.width) / columnWidth) + overscan);
  return [first, Math.max(first, last)];
}

/**
 * The blocks to render: those of the columns in view whose box meets the visible rows (with
 * `overscan` pixels more above and below). Work is proportional to the blocks of the visible
 * columns, not to the day.
 */
export function visibleBlocks<T>(layout: DayLayout<T>, geometry: Geometry, viewport: Viewport, overscan = 200): PlacedBlock<T>[] {
  const [first, last] = visibleColumns(layout.columns.length, geometry.columnWidth, viewport);
  const top = viewport.top - overscan;
  const bottom = viewport.top + viewport.height + overscan;
  const out: PlacedBlock<T>[] = [];
  for (let c = first; c < last; c++) {
    for (const block of layout.blocks[c] ?? []) {
      const y = (block.start - layout.range.start) * geometry.pxPerMinute;
      if (y > bottom) break; // sorted by start
      const h = Math.max(block.end - block.start, MIN_BLOCK_MINUTES) * geometry.pxPerMinute;
      if (y + h >= top) out.push(block);
    }
  }
  return out;
}

// ---- filters -----------------------------------------------------------------------------------

export interface TimelineFilter {
  kind: GatheringKind | "";
  audience: Audience | "";
  status: GatheringStatus | "";
  text: string;
}

export const NO_FILTER: TimelineFilter = { kind: "", audience: "", status: "", text: "" };

export function isFiltered(filter: TimelineFilter): boolean {
  return filter.kind !== "" || filter.audience !== "" || filter.status !== "" || filter.text.trim() !== "";
}

/**
 * Which day to open: the first of `candidates` (a remembered day, today, the summit's first day)
 * that has gatherings, else the first day on or after `today`, else the first day.
 */
export function pickDay(days: readonly string[], today: string, candidates: readonly (string | null | undefined)[] = []): string | null {
  for (const candidate of [...candidates, today]) {
    if (candidate && days.includes(candidate)) return candidate;
  }
  return days.find((d) => d >= today) ?? days[0] ?? null;
}

/** The wall-clock date and time now in `tz`, as "YYYY-MM-DDTHH:MM"; null for a zone Intl does not know. */
export function nowIn(tz: string, now: Date = new Date()): string | null {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(now);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
    return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
  } catch {
    return null;
  }
}

/** A gathering's times as text: "09:00 – 09:55"; "23:00" for a moment; the end's date when it is another day. */
/** When a gathering happens within its day: "All day" for a milestone (a date in calendars). */
export function gatheringTimeSpan(g: { kind: string; start_local: string; end_local: string }): string {
  return g.kind === "milestone" ? "All day" : timeSpan(g.start_local, g.end_local);
}

export function timeSpan(startLocal: string, endLocal: string): string {
  if (startLocal === endLocal) return formatTime(startLocal);
  if (startLocal.slice(0, 10) === endLocal.slice(0, 10)) return `${formatTime(startLocal)} – ${formatTime(endLocal)}`;
  return `${formatTime(startLocal)} – ${formatDateTime(endLocal)}`;
}
