// Type-to-filter for tables: each row's text is folded once per data change into one search string;
// every keystroke then costs one `includes` per row and query word.

/** Lower case without diacritics, so "zurich" finds "Zürich" and "CAFE" finds "café". */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** The query's words, folded; a row matches when its text contains every one of them. */
export function queryTerms(query: string): string[] {
  return fold(query).split(/\s+/).filter((term) => term.length > 0);
}

/**
 * One folded search string per item, from the texts `texts` gives for it (its cells). Cells are
 * joined by a newline so a query word never matches across two cells.
 */
export function searchStrings<T>(items: readonly T[], texts: (item: T) => readonly string[]): string[] {
  return items.map((item) => fold(texts(item).join("\n")));
}

/**
 * Indices of the haystacks that contain every word of `query`, taken in the order of `within`
 * (default: every index, ascending); all of them when the query is blank.
 */
export function filterIndices(haystacks: readonly string[], query: string, within?: readonly number[]): number[] {
  const terms = queryTerms(query);
  const order = within ?? haystacks.map((_, i) => i);
  if (terms.length === 0) return order.slice();
  const out: number[] = [];
  outer: for (const i of order) {
    const hay = haystacks[i];
    if (hay === undefined) continue;
    for (const term of terms) if (!hay.includes(term)) continue outer;
    out.push(i);
  }
  return out;
}
