import { describe, expect, it } from "vitest";
import { navigate, pageSize, rowWindow, scrollTopFor } from "./virtual";

describe("rowWindow", () => {
  const base = { count: 10_000, rowHeight: 32, viewportHeight: 640, overscan: 5 };

  it("renders the viewport's rows plus overscan below at the top", () => {
    expect(rowWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 25, offset: 0, total: 320_000 });
  });

  it("adds overscan on both sides in the middle", () => {
    // rows 100..119 are visible at scrollTop 3200
    const w = rowWindow({ ...base, scrollTop: 3200 });
    expect(w).toEqual({ start: 95, end: 125, offset: 95 * 32, total: 320_000 });
  });

  it("counts a partly visible row", () => {
    const w = rowWindow({ ...base, scrollTop: 3210, overscan: 0 });
    expect(w.start).toBe(100);
    expect(w.end).toBe(121); // 3210 + 640 = 3850 → row 120 partly visible
  });

  it("clamps at the end", () => {
    const w = rowWindow({ ...base, scrollTop: 320_000 - 640 });
    expect(w.end).toBe(10_000);
    expect(w.start).toBe(10_000 - 20 - 5);
  });

  it("clamps a scrollTop past either end (elastic overscroll)", () => {
    expect(rowWindow({ ...base, scrollTop: -200 }).start).toBe(0);
    const past = rowWindow({ ...base, scrollTop: 10_000_000 });
    expect(past.end).toBe(10_000);
    expect(past.start).toBeLessThan(past.end);
  });

  it("keeps the window small however long the list is", () => {
    const w = rowWindow({ ...base, count: 1_000_000, scrollTop: 12_345_678 });
    expect(w.end - w.start).toBeLessThanOrEqual(21 + 10);
  });

  it("renders one row plus overscan before the viewport is measured", () => {
    expect(rowWindow({ ...base, viewportHeight: 0, scrollTop: 0 })).toMatchObject({ start: 0, end: 6 });
  });

  it("renders nothing for no rows or a bad row height", () => {
    expect(rowWindow({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, offset: 0, total: 0 });
    expect(rowWindow({ ...base, rowHeight: 0, scrollTop: 0 }).end).toBe(0);
    expect(rowWindow({ ...base, scrollTop: Number.NaN }).start).toBe(0);
  });

  it("handles fewer rows than fit", () => {
    expect(rowWindow({ ...base, count: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3, offset: 0, total: 96 });
  });
});

describe("scrollTopFor", () => {
  const view = { count: 1000, rowHeight: 20, viewportHeight: 200 };

  it("does not move for a row already in view", () => {
    expect(scrollTopFor(12, { ...view, scrollTop: 100 })).toBe(100);
  });

  it("scrolls up just enough for a row above", () => {
    expect(scrollTopFor(3, { ...view, scrollTop: 100 })).toBe(60);
  });

  it("scrolls down just enough for a row below", () => {
    // row 20 spans 400..420; the viewport must end at 420
    expect(scrollTopFor(20, { ...view, scrollTop: 100 })).toBe(220);
  });

  it("aligns start, center and end", () => {
    expect(scrollTopFor(50, { ...view, scrollTop: 0 }, "start")).toBe(1000);
    expect(scrollTopFor(50, { ...view, scrollTop: 0 }, "end")).toBe(1020 - 200);
    expect(scrollTopFor(50, { ...view, scrollTop: 0 }, "center")).toBe(1000 - 90);
  });

  it("never scrolls past the ends", () => {
    expect(scrollTopFor(0, { ...view, scrollTop: 0 }, "center")).toBe(0);
    expect(scrollTopFor(999, { ...view, scrollTop: 0 }, "start")).toBe(20_000 - 200);
    expect(scrollTopFor(5000, { ...view, scrollTop: 0 })).toBe(20_000 - 200);
    expect(scrollTopFor(0, { ...view, count: 0, scrollTop: 50 })).toBe(0);
  });
});

describe("navigate", () => {
  it("moves with the arrows and stops at the ends", () => {
    expect(navigate("ArrowDown", 4, 10, 5)).toBe(5);
    expect(navigate("ArrowUp", 4, 10, 5)).toBe(3);
    expect(navigate("ArrowDown", 9, 10, 5)).toBe(9);
    expect(navigate("ArrowUp", 0, 10, 5)).toBe(0);
  });

  it("starts at the first row when nothing is selected", () => {
    expect(navigate("ArrowDown", -1, 10, 5)).toBe(0);
    expect(navigate("ArrowUp", -1, 10, 5)).toBe(0);
  });

  it("pages and jumps", () => {
    expect(navigate("PageDown", 2, 100, 10)).toBe(12);
    expect(navigate("PageUp", 5, 100, 10)).toBe(0);
    expect(navigate("PageDown", 95, 100, 10)).toBe(99);
    expect(navigate("Home", 50, 100, 10)).toBe(0);
    expect(navigate("End", 50, 100, 10)).toBe(99);
  });

  it("clamps a selection beyond a shrunken list", () => {
    expect(navigate("ArrowUp", 40, 10, 5)).toBe(8);
  });

  it("ignores other keys and empty lists", () => {
    expect(navigate("a", 1, 10, 5)).toBeNull();
    expect(navigate("ArrowDown", -1, 0, 5)).toBeNull();
  });

  it("derives the page from the viewport", () => {
    expect(pageSize(32, 640)).toBe(20);
    expect(pageSize(32, 10)).toBe(1);
    expect(pageSize(0, 640)).toBe(1);
  });
});
