// What the window remembers between launches: small values in localStorage, namespaced "roadie.".
// Storage may be unavailable or full; remembering is then skipped, never an error.

const PREFIX = "roadie.";

export function readPref(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function writePref(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
  } catch {
    // not remembered; nothing else depends on it
  }
}

/** The summit context as remembered: a summit's id, or "standalone" for the standalone meetups. */
export type SummitChoice = number | "standalone";

export function parseSummitChoice(text: string | null): SummitChoice | null {
  if (text === "standalone") return "standalone";
  if (text === null || !/^\d+$/.test(text)) return null;
  return Number(text);
}

/** Per database: ids mean nothing in another file. */
export function summitKey(databasePath: string): string {
  return `summit:${databasePath}`;
}

/** The database file the window last had open. */
export const DATABASE_PREF = "database";

/**
 * The summit last chosen in the database the window last had open: at start-up, before the app
 * says which file is open, the best guess at the summit the window will show.
 */
export function guessSummit(): SummitChoice | null {
  const database = readPref(DATABASE_PREF);
  return database === null ? null : parseSummitChoice(readPref(summitKey(database)));
}
