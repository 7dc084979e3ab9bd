import { describe, expect, it } from "vitest";
import { statusKey, statusLabel, toneOf } from "./badge";

describe("badge tones", () => {
  it("colours each status word", () => {
    expect(toneOf("tentative")).toBe("warning");
    expect(toneOf("confirmed")).toBe("success");
    expect(toneOf("cancelled")).toBe("danger");
    expect(toneOf("draft")).toBe("neutral");
    expect(toneOf("shipped")).toBe("info");
    expect(toneOf("In transit")).toBe("info");
    expect(toneOf("something new")).toBe("neutral");
  });

  it("normalises and labels words", () => {
    expect(statusKey(" Under-Review ")).toBe("under_review");
    expect(statusLabel("partially_reimbursed")).toBe("Partially reimbursed");
  });
});
