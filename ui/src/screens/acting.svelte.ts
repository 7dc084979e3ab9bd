// Who the user is acting as: the organiser every travel decision is recorded under. Chosen in the
// sidebar, remembered per database file (names mean nothing in another one).
import { readPref, writePref } from "../lib/prefs";

export const acting = $state<{ name: string | null; databasePath: string | null }>({ name: null, databasePath: null });

function key(databasePath: string): string {
  return `actor:${databasePath}`;
}

/** Takes up what was remembered for this database. */
export function restoreActing(databasePath: string): void {
  acting.databasePath = databasePath;
  acting.name = readPref(key(databasePath));
}

export function actAs(name: string | null): void {
  acting.name = name;
  if (acting.databasePath !== null) writePref(key(acting.databasePath), name);
}
