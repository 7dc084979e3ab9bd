// The start-up answer (commands.startup): the app info, the summits and the dashboard of the
// summit the window will most likely show, in one round trip. main.ts asks for it as soon as the
// page's script runs and mounts the app once it is here, so the first frame shows the data.

import { commands, type Startup } from "../bindings/commands";
import { guessSummit } from "./prefs";

/**
 * Asks for the start-up answer, with the dashboard of the summit chosen last in the database the
 * window had open last (the best guess before the app says which file is open).
 */
export function askStartup(): Promise<Startup> {
  const guess = guessSummit();
  return commands.startup(typeof guess === "number" ? guess : null);
}

/** Resolves once `answer` has settled, either way, or after `ms`, whichever comes first. */
export function settledOrAfter(answer: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    answer.then(done, done);
  });
}
