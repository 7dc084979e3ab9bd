import { describe, expect, it } from "vitest";
import { changeCount, fieldsText, nothingToDo, progressFraction, progressLabel, summaryText } from "./importSchedule";
import { report } from "./importSchedule.testdata";

describe("import progress", () => {
  it("fills the bar stage by stage", () => {
    expect(progressFraction(null)).toBe(0);
    expect(progressFraction({ stage: "reading", done: 1, total: 2 })).toBeCloseTo(0.2);
    expect(progressFraction({ stage: "reading", done: 2, total: 2 })).toBeCloseTo(0.4);
    expect(progressFraction({ stage: "writing", done: 0, total: 10 })).toBeCloseTo(0.65);
    expect(progressFraction({ stage: "writing", done: 10, total: 10 })).toBe(1);
    expect(progressFraction({ stage: "comparing", done: 0, total: 0 })).toBeCloseTo(0.55);
    expect(progressFraction({ stage: "done", done: 1, total: 1 })).toBe(1);
  });

  it("says what it is doing", () => {
    expect(progressLabel({ stage: "reading", done: 1572864, total: 3145728 })).toMatch(/^Reading the file… 1[.,]5 of 3[.,]0 MB$/);
    expect(progressLabel({ stage: "writing", done: 500, total: 2209 })).toMatch(/^Writing… 500 of 2.?209$/);
    expect(progressLabel(null)).toBe("Starting…");
  });
});

describe("import summary", () => {
  it("counts what would change", () => {
    const r = report({
      added: 1352,
      changed: 1,
      cancelled: 1,
      sessions: { added: 1350, changed: 1, cancelled: 1, unchanged: 3 },
      speakers: { added: 2, changed: 0, cancelled: 0, unchanged: 5 },
    });
    expect(changeCount(r)).toBe(1354);
    expect(nothingToDo(r)).toBe(false);
    expect(summaryText(r)).toMatch(/^1.?350 sessions to add, 1 session to change, 1 session to cancel, 2 new speakers\.$/);
    expect(summaryText({ ...r, applied: true })).toMatch(/^1.?350 sessions added, 1 session changed, 1 session cancelled, 2 new speakers\.$/);
  });

  it("knows when nothing would change, unless a summit is created", () => {
    expect(nothingToDo(report())).toBe(true);
    expect(summaryText(report())).toContain("up to date");
    const fresh = report({ summit: { ...report().summit, id: null, created: true } });
    expect(nothingToDo(fresh)).toBe(false);
  });

  it("names changed fields in words", () => {
    expect(fieldsText(["start", "end", "tz", "status"])).toBe("start, end, time zone, back on");
  });
});
