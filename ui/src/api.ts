// The shell's commands (src-tauri/commands.rs) and the shapes they return.
// To be replaced by wrappers generated from the Rust types, so nothing is written twice.
import { invoke } from "@tauri-apps/api/core";

/** `roadie_core::Money`: an integer amount of minor units and an ISO 4217 code. */
export interface Money {
  minor: number;
  currency: string;
}

/** `roadie_core::Summit`. Dates are ISO `YYYY-MM-DD` in the summit's zone `tz`. */
export interface Summit {
  id: number;
  name: string;
  slug: string;
  city: string | null;
  venue: string | null;
  tz: string;
  start_date: string;
  end_date: string;
  currency: string;
  budget: Money | null;
}

/** `IpcError` (src-tauri/error.rs): how every command fails. */
export interface IpcError {
  code: string;
  message: string;
  field: string | null;
}

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).code === "string" &&
    typeof (value as IpcError).message === "string"
  );
}

export const listSummits = (): Promise<Summit[]> => invoke("list_summits");
export const databasePath = (): Promise<string> => invoke("database_path");
