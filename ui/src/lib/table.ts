// Column definitions and sorting for DataTable.
import type { Snippet } from "svelte";

/** A value a column sorts by; null and undefined sort last in either direction. */
export type SortValue = string | number | bigint | boolean | null | undefined;

export type SortDirection = "asc" | "desc";

export interface SortState {
  key: string;
  dir: SortDirection;
}

export interface Column<T> {
  /** Unique within the table; names the column in sort state. */
  key: string;
  /** Header text. */
  label: string;
  /** The cell's text: what the cell shows (unless `cell` renders it) and what the filter searches. */
  text: (item: T) => string;
  /** A CSS grid track: "12rem", "1fr", "minmax(8rem, 2fr)". Default "minmax(6rem, 1fr)". */
  width?: string;
  /** "end" for amounts and counts. */
  align?: "start" | "end";
  /** What the column sorts by; default its `text`. */
  sort?: (item: T) => SortValue;
  /** False for a column that cannot be sorted. Default true. */
  sortable?: boolean;
  /** False to leave the column out of the filter. Default true. */
  searchable?: boolean;
  /** Renders the cell instead of its text (a Badge, a link, two lines). */
  cell?: Snippet<[item: T]>;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function rank(value: SortValue): number {
  switch (typeof value) {
    case "number":
    case "bigint":
      return 0;
    case "boolean":
      return 1;
    case "string":
      return 2;
    default:
      return 3; // null, undefined: last
  }
}

/** Ascending order of two sort values: numbers numerically, strings by the user's collation. */
export function compareValues(a: SortValue, b: SortValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "string" && typeof b === "string") return collator.compare(a, b);
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint")) {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return 0;
}

/**
 * `indices` (into `items`) reordered by `column`'s sort value, stable; missing values stay last
 * whichever the direction. Each item's sort value is computed once.
 */
export function sortIndices<T>(
  items: readonly T[],
  indices: readonly number[],
  column: Pick<Column<T>, "text" | "sort">,
  dir: SortDirection,
): number[] {
  const value = column.sort ?? column.text;
  const entries = indices.map((index) => ({ index, key: value(items[index] as T) }));
  const sign = dir === "asc" ? 1 : -1;
  // Array.prototype.sort is stable: equal keys keep their order.
  entries.sort(({ key: a }, { key: b }) => {
    const aMissing = a === null || a === undefined;
    const bMissing = b === null || b === undefined;
    if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
    return sign * compareValues(a, b);
  });
  return entries.map((entry) => entry.index);
}

/** The sort after clicking `key`'s header: ascending first, then flipping. */
export function nextSort(current: SortState | null, key: string): SortState {
  if (current?.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: "asc" };
}

/** The items at `indices`, in that order. */
export function pick<T>(items: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => items[i] as T);
}

/** What a DataTable offers through bind:this. */
export interface DataTableHandle<T = unknown> {
  /** Whether the filter text lets `item` through (whether or not it is among the items now). */
  filterPasses(item: T): boolean;
  /** Focuses the filter box (for a Mod+F or "/" shortcut). */
  focusFilter(): void;
  /** Focuses the rows. */
  focus(): void;
  /** Scrolls the row of the item with key `key` into view, if the filter shows it. */
  scrollToKey(key: string | number): void;
}

/**
 * The grid-template-columns of a table's columns. Every row is its own grid, so tracks must not
 * size to their content: a bare "2fr" becomes "minmax(0, 2fr)".
 */
export function gridTemplate<T>(columns: readonly Pick<Column<T>, "width">[]): string {
  return columns
    .map(({ width }) => {
      const given = width?.trim();
      const track = given !== undefined && given !== "" ? given : "minmax(6rem, 1fr)";
      return /^\d*\.?\d+fr$/.test(track) ? `minmax(0, ${track})` : track;
    })
    .join(" ");
}
