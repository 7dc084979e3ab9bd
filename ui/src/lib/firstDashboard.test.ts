import { afterEach, describe, expect, it, vi } from "vitest";
import type { Dashboard } from "../bindings/commands";
import { offerDashboard, takeDashboard } from "./firstDashboard";

const dashboardOf = (id: number) => ({ summit: { id } }) as unknown as Dashboard;

describe("the start-up dashboard handoff", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is taken once, by its own summit", () => {
    const dashboard = dashboardOf(7);
    offerDashboard(dashboard);
    expect(takeDashboard(7)).toBe(dashboard);
    expect(takeDashboard(7)).toBeNull();
  });

  it("ends when another summit asks", () => {
    offerDashboard(dashboardOf(7));
    expect(takeDashboard(8)).toBeNull();
    expect(takeDashboard(7)).toBeNull();
  });

  it("is not taken once stale", () => {
    const now = vi.spyOn(performance, "now").mockReturnValue(1_000);
    offerDashboard(dashboardOf(7));
    now.mockReturnValue(12_000);
    expect(takeDashboard(7)).toBeNull();
  });
});
