import { describe, expect, it } from "vitest";
import { filterIndices, fold, narrowingFilter, queryTerms, searchStrings } from "./filter";

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

describe("narrowingFilter", () => {
  const order = [3, 2, 1, 0];

  it("answers as filterIndices does, keystroke by keystroke and back", () => {
    const filter = narrowingFilter(haystacks, order);
    const typed = ["", "b", "be", "ber", "berl", "berli", "berlin", "berlin ", "berlin s", "berlin su"];
    for (const query of [...typed, ...typed.slice().reverse(), "zü", "zur", "r", "r u", "ru", "CAFÉ", "  "]) {
      expect(filter(query), query).toEqual(filterIndices(haystacks, query, order));
    }
  });

  it("searches only the rows a shorter query kept, and remembers answers", () => {
    let reads = 0;
    const counting = new Proxy(haystacks, {
      get(target, prop, receiver) {
        if (typeof prop === "string" && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const filter = narrowingFilter(counting, order);
    expect(filter("r")).toEqual([3, 2, 1, 0]); // cafe crawl, rust meetup, contributor, berlin
    reads = 0;
    expect(filter("ru")).toEqual([2]);
    expect(reads).toBe(4);
    reads = 0;
    expect(filter("rus")).toEqual([2]);
    expect(reads).toBe(1);
    reads = 0;
    expect(filter("ru")).toEqual([2]);
    expect(filter("Ru")).toEqual([2]);
    expect(reads).toBe(0);
  });

  it("answers with the same array when a keystroke filters nothing out", () => {
    const filter = narrowingFilter(haystacks, order);
    const r = filter("r");
    expect(r).toBe(order);
    expect(filter("ru")).not.toBe(r);
  });

  it("keeps answering correctly after forgetting old queries", () => {
    const filter = narrowingFilter(haystacks, order);
    for (let i = 0; i < 100; i++) filter(`x${i}`);
    expect(filter("")).toEqual(order);
    expect(filter("zurich")).toEqual([1]);
    expect(filter("berlin summit")).toEqual([0]);
  });
});
