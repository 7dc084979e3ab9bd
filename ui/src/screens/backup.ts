// The plain logic behind backing up and restoring in the about box: the file dialogs' filters, the
// default file name, and what a backup holds and a restore will do, as sentences. Unit-tested alone.
import type { BackupInfo, BackupReport } from "../bindings/commands";
import { formatCount } from "../lib/format";

/** What the save dialog offers for a backup. */
export const BACKUP_SAVE_FILTERS = [{ name: "Roadie backup", extensions: ["zip"] }];

/** What the open dialog offers to restore: backup files and the automatic snapshots. */
export const BACKUP_OPEN_FILTERS = [
  { name: "Roadie backup or snapshot", extensions: ["zip", "db"] },
  { name: "Roadie backup", extensions: ["zip"] },
  { name: "Database snapshot", extensions: ["db"] },
];

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The name the save dialog suggests: roadie-backup-YYYY-MM-DD.zip, with the local date. */
export function backupFileName(now: Date): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return `roadie-backup-${day}.zip`;
}

/** What a saved backup holds, for the toast. */
export function backupSaved(report: BackupReport): string {
  return `Saved a backup: the database and ${plural(report.receipts, "receipt", "receipts")}`;
}

/** When a backup was made, in `timeZone` (the machine's by default). */
export function madeAt(info: BackupInfo, timeZone?: string): string | null {
  if (info.created_at === null) return null;
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(info.created_at));
}

/** One sentence on what a backup file holds, for the confirmation. */
export function backupSummary(info: BackupInfo, timeZone?: string): string {
  const made = madeAt(info, timeZone);
  const what = made === null ? "A database snapshot" : `A backup made ${made}`;
  const summits =
    info.summits.length === 0
      ? "no summits"
      : `${plural(info.summits.length, "summit", "summits")} (${info.summits.join(", ")})`;
  return `${what}, holding ${summits}, ${plural(info.records, "record", "records")} and ${plural(info.receipts, "receipt", "receipts")}.`;
}

/** A core error's message without the `file: ` it starts with. */
export function withoutField(message: string, field: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
