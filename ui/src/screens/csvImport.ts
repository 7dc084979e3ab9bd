// The CSV import dialog's words: the fields as people know them, the summary of a report, and the
// column choices sent back to the core.
import type { ColumnMap, CsvReport } from "../bindings/commands";
import { formatCount } from "../lib/format";

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: "Name",
  email: "E-mail",
  organisation: "Organisation",
  home_city: "Home city",
  country: "Country",
  first_time: "First time",
  currency: "Currency",
  origin_city: "Travelling from",
  origin_country: "From country",
  depart_on: "Departs",
  return_on: "Returns",
  lodging_nights: "Nights",
  notes: "Notes",
  airfare: "Airfare",
  lodging: "Lodging",
  ground: "Ground transport",
  visa: "Visa",
  other: "Other costs",
  submitted_at: "Submitted",
  map: "Columns",
};

/** The columns the user chose, as the core reads them; "" reads the field from no column. */
export function overrides(chosen: Readonly<Record<string, string>>): ColumnMap[] {
  return Object.entries(chosen).map(([field, column]) => ({ field, column }));
}

/** "12 rows: 10 new speakers, 1 changed, 1 unchanged" and what stops an import. */
export function csvSummary(report: CsvReport): string {
  const what = report.kind === "speakers" ? "speaker" : "travel request";
  const n = (count: number, word: string) => `${formatCount(count)} ${count === 1 ? word : `${word}s`}`;
  const rows = n(report.rows, "row");
  if (report.problems.length > 0) {
    return `${rows}: ${n(report.problems.length, "problem")} to fix before anything is imported.`;
  }
  const verb = report.applied ? "added" : "to add";
  const parts = [`${n(report.added, `new ${what}`)}${report.applied ? "" : ` ${verb}`}`];
  if (report.changed > 0) parts.push(`${formatCount(report.changed)} changed`);
  if (report.unchanged > 0) parts.push(`${formatCount(report.unchanged)} unchanged`);
  if (report.speakers_added > 0) parts.push(`${n(report.speakers_added, "new speaker")} for applicants not known yet`);
  return `${rows}: ${parts.join(", ")}.`;
}
