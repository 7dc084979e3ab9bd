// The desktop window freezes Object.prototype before any script runs (tauri.conf.json
// "freezePrototype"). The app must load, mount and work with it frozen. This file freezes it for
// its own test worker, before Svelte or the app is imported.
import { expect, it, vi } from "vitest";

const info = { name: "Roadie", version: "0.1.0", database_path: "/tmp/roadie.db", warnings: [] };

vi.mock("./bindings/commands", () => ({
  commands: {
    startup: vi.fn(() => Promise.resolve({ info, summits: [], dashboard: null })),
    appInfo: vi.fn(() => Promise.resolve(info)),
    listSummits: vi.fn(() => Promise.resolve([])),
    listGatherings: vi.fn(() => Promise.resolve([])),
  },
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
  // An empty database opens on the first-launch screen.
  await waitFor(() => expect(screen.getByText("Open the demo")).toBeTruthy());
  toasts.success("Saved");
  expect(await screen.findByText("Saved")).toBeTruthy();
});
