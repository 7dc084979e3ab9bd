// The dashboard that came with the start-up answer (commands.startup), handed to the dashboard
// screen once so it does not ask again. It is taken at most once, for the summit it belongs to,
// and only while fresh: a screen opened later asks the core.

import type { Dashboard } from "../bindings/commands";

const FRESH_MS = 10_000;

let offered: { dashboard: Dashboard; at: number } | null = null;

export function offerDashboard(dashboard: Dashboard): void {
  offered = { dashboard, at: performance.now() };
}

/** The offered dashboard if it is summit `summitId`'s and fresh; either way the offer ends. */
export function takeDashboard(summitId: number): Dashboard | null {
  const taken = offered;
  offered = null;
  if (taken?.dashboard.summit.id !== summitId || performance.now() - taken.at > FRESH_MS) return null;
  return taken.dashboard;
}
