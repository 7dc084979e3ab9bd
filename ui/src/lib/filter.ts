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
 * An item's folded search string, from the texts of its cells. Cells are joined by a newline so a
 * query word never matches across two cells.
 */
export function searchString(texts: readonly string[]): string {
  return fold(texts.join("\n"));
}

/** One folded search string per item, from the texts `texts` gives for it (its cells). */
export function searchStrings<T>(items: readonly T[], texts: (item: T) => readonly string[]): string[] {
  return items.map((item) => searchString(texts(item)));
}

/** Whether the search string `hay` contains every one of `terms` (already folded). */
export function containsAll(hay: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!hay.includes(term)) return false;
  return true;
}

/**
 * Indices of the haystacks that contain every word of `query`, taken in the order of `within`
 * (default: every index, ascending); all of them when the query is blank.
 */
export function filterIndices(haystacks: readonly string[], query: string, within?: readonly number[]): number[] {
  return containingAll(haystacks, queryTerms(query), within ?? haystacks.map((_, i) => i));
}

/** The indices in `order` whose haystacks contain every one of `terms` (already folded). */
function containingAll(haystacks: readonly string[], terms: readonly string[], order: readonly number[]): number[] {
  if (terms.length === 0) return order.slice();
  const out: number[] = [];
  for (const i of order) {
    const hay = haystacks[i];
    if (hay !== undefined && containsAll(hay, terms)) out.push(i);
  }
  return out;
}

/** How many recent queries a narrowing filter remembers. */
const REMEMBERED_QUERIES = 32;

/**
 * `filterIndices` for one set of haystacks in one order, as typing uses it: each answer is
 * remembered (the last 32), and a query that extends a remembered one searches only that one's
 * rows (every row containing "repr" is among the rows containing "rep"). So a keystroke searches
 * the rows still shown rather than all of them, and erasing back to a query typed before costs a
 * lookup. The answers are shared: do not change them.
 */
export function narrowingFilter(
  haystacks: readonly string[],
  order: readonly number[],
): (query: string) => readonly number[] {
  const answers = new Map<string, readonly number[]>([["", order]]);
  return (query) => {
    // Terms joined by single spaces: every row matching `key + more` matches `key` as well,
    // whether `more` lengthens the last word or adds words.
    const terms = queryTerms(query);
    const key = terms.join(" ");
    const known = answers.get(key);
    if (known) return known;
    let base = order;
    let baseLength = -1;
    for (const [earlier, rows] of answers) {
      if (earlier.length > baseLength && key.startsWith(earlier)) {
        base = rows;
        baseLength = earlier.length;
      }
    }
    const found = containingAll(haystacks, terms, base);
    // The same array when nothing was filtered out, so nothing downstream sees a change.
    const rows = found.length === base.length ? base : found;
    answers.set(key, rows);
    if (answers.size > REMEMBERED_QUERIES) {
      // Forget the oldest answer, never the empty query's (it is every row, in order).
      for (const earlier of answers.keys()) {
        if (earlier !== "") {
          answers.delete(earlier);
          break;
        }
      }
    }
    return rows;
  };
}
