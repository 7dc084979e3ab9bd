import { describe, expect, it } from "vitest";
import { filterIndices, fold, queryTerms, searchStrings } from "./filter";

interface Row {
  name: string;
  city: string | null;
}

const rows: Row[] = [
  { name: "Berlin Summit", city: "Berlin" },
  { name: "Contributor dinner", city: "Zürich" },
  { name: "Rust meetup", city: null },
  { name: "Café crawl", city: "Lyon" },
];
const haystacks = searchStrings(rows, (r) => [r.name, r.city ?? ""]);

describe("fold", () => {
  it("lower-cases and drops diacritics", () => {
    expect(fold("Zürich CAFÉ Ærø")).toBe("zurich cafe ærø");
  });
});

describe("queryTerms", () => {
  it("splits on whitespace and drops blanks", () => {
    expect(queryTerms("  Berlin   SUMMIT ")).toEqual(["berlin", "summit"]);
    expect(queryTerms("   ")).toEqual([]);
  });
});

describe("filterIndices", () => {
  it("keeps everything for a blank query", () => {
    expect(filterIndices(haystacks, "")).toEqual([0, 1, 2, 3]);
    expect(filterIndices(haystacks, "  ")).toEqual([0, 1, 2, 3]);
  });

  it("matches case- and accent-insensitively", () => {
    expect(filterIndices(haystacks, "zurich")).toEqual([1]);
    expect(filterIndices(haystacks, "CAFE")).toEqual([3]);
    expect(filterIndices(haystacks, "zür")).toEqual([1]);
  });

  it("needs every word, in any column", () => {
    expect(filterIndices(haystacks, "dinner zurich")).toEqual([1]);
    expect(filterIndices(haystacks, "summit lyon")).toEqual([]);
  });

  it("does not match across two cells", () => {
    // "Summit" ends the name and "Berlin" starts the city: "summitberlin" spans both
    expect(filterIndices(haystacks, "summitberlin")).toEqual([]);
    expect(filterIndices(haystacks, "summit\nberlin")).toEqual([0]);
  });

  it("keeps the order it is given", () => {
    expect(filterIndices(haystacks, "r", [3, 2, 1, 0])).toEqual([3, 2, 1, 0]);
    expect(filterIndices(haystacks, "", [2, 0])).toEqual([2, 0]);
    expect(filterIndices(haystacks, "berlin", [9, 0])).toEqual([0]);
  });

  it("filters 100,000 rows quickly", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ name: `Gathering ${i}`, city: i % 7 === 0 ? "Zürich" : "Berlin" }));
    const hay = searchStrings(many, (r) => [r.name, r.city]);
    const started = performance.now();
    const hits = filterIndices(hay, "zurich 99");
    const elapsed = performance.now() - started;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((i) => i % 7 === 0 && String(i).includes("99"))).toBe(true);
    expect(elapsed).toBeLessThan(200);
  });
});
