import { describe, expect, it } from "vitest";
import type { BackupInfo } from "../bindings/commands";
import { backupFileName, backupSaved, backupSummary, withoutField } from "./backup";

const info: BackupInfo = {
  file: "/home/ada/roadie-backup-2026-04-01.zip",
  kind: "archive",
  created_at: "2026-04-01T09:30:00Z",
  schema_version: 10,
  summits: ["Northwind Open Source Summit"],
  records: 1455,
  receipts: 2,
  missing_receipts: [],
};

describe("backups in words", () => {
  it("names the file by the local date", () => {
    expect(backupFileName(new Date(2026, 3, 1, 23, 59))).toBe("roadie-backup-2026-04-01.zip");
  });

  it("says what a backup holds and when it was made", () => {
    expect(backupSummary(info, "UTC")).toBe(
      "A backup made 1 Apr 2026, 09:30, holding 1 summit (Northwind Open Source Summit), 1,455 records and 2 receipts.",
    );
    expect(backupSummary(info, "Europe/Berlin")).toContain("made 1 Apr 2026, 11:30");
  });

  it("says a snapshot has no date and counts nothing in the plural", () => {
    const snapshot = { ...info, kind: "database" as const, created_at: null, summits: [], records: 1, receipts: 0 };
    expect(backupSummary(snapshot)).toBe("A database snapshot, holding no summits, 1 record and 0 receipts.");
  });

  it("counts the receipts saved", () => {
    const report = { path: "/x.zip", size_bytes: 10, database_bytes: 20, receipts: 1, missing_receipts: [], schema_version: 10 };
    expect(backupSaved(report)).toBe("Saved a backup: the database and 1 receipt");
  });

  it("drops the field from a message that starts with it", () => {
    expect(withoutField("file: /x.zip: not a Roadie backup", "file")).toBe("/x.zip: not a Roadie backup");
    expect(withoutField("database error: locked", "file")).toBe("database error: locked");
  });
});
