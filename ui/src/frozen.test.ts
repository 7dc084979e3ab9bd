// The desktop window freezes Object.prototype before any script runs (tauri.conf.json
// "freezePrototype"). The app must load, mount and work with it frozen. This file freezes it for
// its own test worker, before Svelte or the app is imported.
import { expect, it, vi } from "vitest";

vi.mock("./api", () => ({
  listSummits: vi.fn(() => Promise.resolve([])),
  databasePath: vi.fn(() => Promise.resolve("/tmp/roadie.db")),
}));

Object.freeze(Object.prototype);

it("loads and mounts with Object.prototype frozen", async () => {
  expect(Object.isFrozen(Object.prototype)).toBe(true);
  // What breaks libraries under the freeze: assigning a property the prototype has.
  expect(() => {
    const probe: { toString?: () => string } = {};
    probe.toString = () => "";
  }).toThrow(TypeError);
  // Evaluate Svelte and everything else afresh, under the frozen prototype.
  vi.resetModules();
  const { render, screen, waitFor } = await import("@testing-library/svelte");
  const { default: App } = await import("./App.svelte");
  const { toasts } = await import("./lib/toasts.svelte");
  render(App);
  expect(await screen.findByText("/tmp/roadie.db")).toBeTruthy();
  await waitFor(() => expect(screen.getByText("No summits yet", { selector: "p" })).toBeTruthy());
  toasts.success("Saved");
  expect(await screen.findByText("Saved")).toBeTruthy();
});
