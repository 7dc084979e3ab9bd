// A schedule import report to build test cases from.
import type { ScheduleReport } from "../bindings/commands";

export function report(over: Partial<ScheduleReport> = {}): ScheduleReport {
  return {
    format: "frab-xml",
    format_name: "frab/pentabarf schedule XML",
    summit: { id: 1, created: false, slug: "northwind", name: "Northwind", tz: "Europe/Paris", start_date: "2027-01-05", end_date: "2027-01-07", currency: "EUR" },
    applied: false,
    added: 0,
    changed: 0,
    cancelled: 0,
    unchanged: 0,
    sessions: { added: 0, changed: 0, cancelled: 0, unchanged: 0 },
    speakers: { added: 0, changed: 0, cancelled: 0, unchanged: 0 },
    changes: [],
    warnings: [],
    ...over,
  };
}
