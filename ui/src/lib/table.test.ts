import { describe, expect, it } from "vitest";
import { compareValues, gridTemplate, nextSort, pick, sortIndices, type Column } from "./table";

interface Item {
  name: string;
  amount: number | null;
}

const items: Item[] = [
  { name: "item 10", amount: 5 },
  { name: "Item 2", amount: null },
  { name: "apple", amount: -3 },
  { name: "Banana", amount: 5 },
];
const all = [0, 1, 2, 3];
const byName: Column<Item> = { key: "name", label: "Name", text: (i) => i.name };
const byAmount: Column<Item> = { key: "amount", label: "Amount", text: (i) => String(i.amount), sort: (i) => i.amount };

describe("sortIndices", () => {
  it("sorts text case-insensitively with numeric runs as numbers", () => {
    expect(pick(items, sortIndices(items, all, byName, "asc")).map((i) => i.name)).toEqual(["apple", "Banana", "Item 2", "item 10"]);
    expect(pick(items, sortIndices(items, all, byName, "desc")).map((i) => i.name)).toEqual(["item 10", "Item 2", "Banana", "apple"]);
  });

  it("sorts numbers numerically, stably, with missing values last both ways", () => {
    expect(sortIndices(items, all, byAmount, "asc")).toEqual([2, 0, 3, 1]);
    expect(sortIndices(items, all, byAmount, "desc")).toEqual([0, 3, 2, 1]);
  });

  it("sorts only the indices it is given", () => {
    expect(sortIndices(items, [3, 1], byName, "asc")).toEqual([3, 1]);
  });
});

describe("compareValues", () => {
  it("orders numbers before booleans before strings", () => {
    expect(compareValues(1, "a")).toBeLessThan(0);
    expect(compareValues(true, 1)).toBeGreaterThan(0);
    expect(compareValues(10n, 9)).toBeGreaterThan(0);
    expect(compareValues(Number.NaN, 1)).toBeGreaterThan(0);
  });
});

describe("nextSort", () => {
  it("starts ascending and flips", () => {
    expect(nextSort(null, "name")).toEqual({ key: "name", dir: "asc" });
    expect(nextSort({ key: "name", dir: "asc" }, "name")).toEqual({ key: "name", dir: "desc" });
    expect(nextSort({ key: "name", dir: "desc" }, "name")).toEqual({ key: "name", dir: "asc" });
    expect(nextSort({ key: "name", dir: "desc" }, "city")).toEqual({ key: "city", dir: "asc" });
  });
});

describe("gridTemplate", () => {
  it("keeps fr tracks from sizing to their content", () => {
    expect(gridTemplate([{ width: "2fr" }, { width: "8rem" }, {}, { width: " " }])).toBe(
      "minmax(0, 2fr) 8rem minmax(6rem, 1fr) minmax(6rem, 1fr)",
    );
  });
});
