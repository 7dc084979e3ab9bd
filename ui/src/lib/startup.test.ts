import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { settledOrAfter } from "./startup";

describe("settledOrAfter", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Whether `promise` has resolved once pending callbacks have run. */
  async function isDone(promise: Promise<void>): Promise<boolean> {
    let done = false;
    void promise.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  }

  it("resolves when the answer arrives, before the time is up", async () => {
    let answer!: (value: string) => void;
    const waited = settledOrAfter(new Promise<string>((resolve) => (answer = resolve)), 200);
    expect(await isDone(waited)).toBe(false);
    answer("here");
    expect(await isDone(waited)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("resolves, not rejects, when the answer is an error", async () => {
    let fail!: (error: Error) => void;
    const answer = new Promise<string>((_, reject) => (fail = reject));
    answer.catch(() => "handled here");
    const waited = settledOrAfter(answer, 200);
    fail(new Error("cannot open the database"));
    expect(await isDone(waited)).toBe(true);
  });

  it("resolves after the time when the answer is slow", async () => {
    const waited = settledOrAfter(new Promise(() => undefined), 200);
    await vi.advanceTimersByTimeAsync(199);
    expect(await isDone(waited)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await isDone(waited)).toBe(true);
  });
});
