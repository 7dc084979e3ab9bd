import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_TOASTS, Toasts } from "./toasts.svelte";

describe("Toasts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shows successes for a while and errors until dismissed", () => {
    const store = new Toasts();
    store.success("Saved");
    const error = store.error({ code: "db_locked", message: "The database is locked", field: null });
    expect(store.items.map((t) => t.kind)).toEqual(["success", "error"]);
    expect(store.items[1]).toMatchObject({ message: "The database is locked", detail: "code: db_locked" });
    vi.advanceTimersByTime(5000);
    expect(store.items.map((t) => t.kind)).toEqual(["error"]);
    store.dismiss(error);
    expect(store.items).toEqual([]);
  });

  it("keeps at most a few", () => {
    const store = new Toasts();
    for (let i = 0; i < MAX_TOASTS + 2; i++) store.info(`n${i}`);
    expect(store.items.map((t) => t.message)).toEqual(["n2", "n3", "n4", "n5"]);
    store.clear();
    expect(store.items).toEqual([]);
  });

  it("reads errors of any kind", () => {
    const store = new Toasts();
    store.error(new Error("boom"));
    expect(store.items[0]).toMatchObject({ message: "boom", detail: null });
  });
});
