// Windowing arithmetic for VirtualList: which rows of a fixed-row-height list to put in the DOM,
// where to scroll to show a row, and where a navigation key moves the selection.

/** The slice of rows to render: indices `start` (inclusive) to `end` (exclusive). */
export interface RowWindow {
  start: number;
  end: number;
  /** Pixels from the top of the list body to the first rendered row. */
  offset: number;
  /** Height in pixels of the whole list body, rendered or not. */
  total: number;
}

export interface WindowInput {
  count: number;
  rowHeight: number;
  /** Pixels scrolled into the list body (negative while a macOS bounce overscrolls). */
  scrollTop: number;
  viewportHeight: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
  overscan: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** The rows a viewport of `viewportHeight` pixels, scrolled to `scrollTop`, shows, plus overscan. */
export function rowWindow({ count, rowHeight, scrollTop, viewportHeight, overscan }: WindowInput): RowWindow {
  const rows = Math.max(0, Math.floor(count));
  if (rows === 0 || !(rowHeight > 0)) return { start: 0, end: 0, offset: 0, total: 0 };
  const total = rows * rowHeight;
  const top = clamp(Number.isFinite(scrollTop) ? scrollTop : 0, 0, total);
  const height = Math.max(0, Number.isFinite(viewportHeight) ? viewportHeight : 0);
  const extra = Math.max(0, Math.floor(overscan));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + height) / rowHeight); // exclusive
  const start = clamp(first - extra, 0, rows);
  const end = clamp(Math.max(last, first + 1) + extra, start, rows);
  return { start, end, offset: start * rowHeight, total };
}

export type Align = "nearest" | "start" | "center" | "end";

/** What a VirtualList offers through bind:this. */
export interface VirtualListHandle {
  /** Scrolls so row `index` is in view; "nearest" does not move when it already is. */
  scrollToIndex(index: number, align?: Align): void;
  /** Moves keyboard focus to the list. */
  focus(): void;
}

/**
 * The scrollTop that shows row `index`: with "nearest", the current position if the row is fully
 * visible already, otherwise the smallest scroll that brings it into view.
 */
export function scrollTopFor(
  index: number,
  { count, rowHeight, scrollTop, viewportHeight }: Omit<WindowInput, "overscan">,
  align: Align = "nearest",
): number {
  if (count <= 0 || !(rowHeight > 0)) return 0;
  const i = clamp(Math.floor(index), 0, count - 1);
  const rowTop = i * rowHeight;
  const rowBottom = rowTop + rowHeight;
  const height = Math.max(0, viewportHeight);
  const max = Math.max(0, count * rowHeight - height);
  let target: number;
  switch (align) {
    case "start":
      target = rowTop;
      break;
    case "end":
      target = rowBottom - height;
      break;
    case "center":
      target = rowTop - (height - rowHeight) / 2;
      break;
    case "nearest":
      if (rowTop < scrollTop) target = rowTop;
      else if (rowBottom > scrollTop + height) target = rowBottom - height;
      else target = scrollTop;
      break;
  }
  return clamp(target, 0, max);
}

/** Rows that fit in the viewport, at least one: how far PageUp and PageDown move. */
export function pageSize(rowHeight: number, viewportHeight: number): number {
  if (!(rowHeight > 0)) return 1;
  return Math.max(1, Math.floor(viewportHeight / rowHeight));
}

/**
 * Where a key moves the selection from `current` (-1: nothing selected) in a list of `count`
 * rows, or null when the key does not navigate.
 */
export function navigate(key: string, current: number, count: number, page: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const from = current < 0 ? -1 : Math.min(current, last);
  switch (key) {
    case "ArrowDown":
      return from < 0 ? 0 : Math.min(from + 1, last);
    case "ArrowUp":
      return from < 0 ? 0 : Math.max(from - 1, 0);
    case "PageDown":
      return from < 0 ? Math.min(page - 1, last) : Math.min(from + page, last);
    case "PageUp":
      return from < 0 ? 0 : Math.max(from - page, 0);
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}
