// The schedule import dialog's arithmetic: how far along an import is, and how to say what a
// preview found.
import type { ChangeAction, ImportProgress, ImportStage, ScheduleReport } from "../bindings/commands";
import { formatCount } from "../lib/format";

/** The share of the bar each stage fills, from and to. Reading a large file takes longest. */
const SPANS: Readonly<Record<ImportStage, readonly [number, number]>> = {
  reading: [0, 0.4],
  parsing: [0.4, 0.55],
  comparing: [0.55, 0.65],
  writing: [0.65, 1],
  done: [1, 1],
};

/** How full the bar is, 0 to 1. */
export function progressFraction(progress: ImportProgress | null): number {
  if (!progress) return 0;
  const [from, to] = SPANS[progress.stage];
  const part = progress.total > 0 ? Math.min(1, Math.max(0, progress.done / progress.total)) : 0;
  return from + (to - from) * part;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/** What the bar is doing, in words. */
export function progressLabel(progress: ImportProgress | null): string {
  if (!progress) return "Starting…";
  switch (progress.stage) {
    case "reading":
      return `Reading the file… ${megabytes(progress.done)} of ${megabytes(progress.total)} MB`;
    case "parsing":
      return "Reading the schedule…";
    case "comparing":
      return "Comparing with the summit…";
    case "writing":
      return `Writing… ${formatCount(progress.done)} of ${formatCount(progress.total)}`;
    case "done":
      return "Done";
  }
}

/** How many records the import would touch. */
export function changeCount(report: ScheduleReport): number {
  return report.added + report.changed + report.cancelled;
}

/** Whether applying the preview would change nothing at all. */
export function nothingToDo(report: ScheduleReport): boolean {
  return changeCount(report) === 0 && !report.summit.created;
}

export const ACTION_LABELS: Readonly<Record<ChangeAction, string>> = {
  added: "New",
  changed: "Changed",
  cancelled: "Cancelled",
};

/** "start, end, room" with people's words for the fields. */
export function fieldsText(fields: readonly string[]): string {
  const words: Record<string, string> = { tz: "time zone", status: "back on" };
  return fields.map((f) => words[f] ?? f).join(", ");
}

/** "1,350 sessions and 859 speakers to add" style summary of what an import does. */
export function summaryText(report: ScheduleReport): string {
  if (nothingToDo(report)) return "Everything is up to date: importing would change nothing.";
  const parts: string[] = [];
  const { sessions, speakers } = report;
  const n = (count: number, one: string) => `${formatCount(count)} ${count === 1 ? one : `${one}s`}`;
  const [add, change, cancel] = report.applied ? ["added", "changed", "cancelled"] : ["to add", "to change", "to cancel"];
  if (sessions.added > 0) parts.push(`${n(sessions.added, "session")} ${add}`);
  if (sessions.changed > 0) parts.push(`${n(sessions.changed, "session")} ${change}`);
  if (sessions.cancelled > 0) parts.push(`${n(sessions.cancelled, "session")} ${cancel}`);
  if (speakers.added > 0) parts.push(n(speakers.added, "new speaker"));
  if (speakers.changed > 0) parts.push(n(speakers.changed, "renamed speaker"));
  return parts.length > 0 ? `${parts.join(", ")}.` : "A new summit with nothing in it yet.";
}
