// Backend errors onto forms. Every command fails with one shape (src-tauri's IpcError):
// a stable `code`, a human `message`, and the input `field` it is about, or null.

import type { IpcError } from "../bindings/commands";

export type { IpcError };

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === "string" &&
    typeof v.message === "string" &&
    (v.field === null || v.field === undefined || typeof v.field === "string")
  );
}

/** What a form shows: a message under each named field, and one for the form as a whole. */
export interface FormErrors {
  fields: Partial<Record<string, string>>;
  form: string | null;
}

export function noErrors(): FormErrors {
  return { fields: {}, form: null };
}

/** The readable text of anything thrown or rejected. */
export function errorMessage(error: unknown): string {
  if (isIpcError(error)) return error.message;
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    // undefined for undefined, functions and symbols
    const json = JSON.stringify(error) as string | undefined;
    return json ?? String(error);
  } catch {
    return String(error);
  }
}

/**
 * The field of `fields` that a backend field name is about: the name itself, or for a nested
 * name ("budget.minor", "items[2].quantity") the longest prefix the form has ("budget", "items").
 */
export function matchField(name: string, fields: readonly string[]): string | null {
  if (fields.includes(name)) return name;
  const parts = name.split(/[.[\]]+/).filter((part) => part.length > 0);
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join(".");
    if (fields.includes(prefix)) return prefix;
  }
  return null;
}

/**
 * Where a failure shows on a form with inputs named `fields`: under the field the error names,
 * or at form level when it names none, names one the form does not have, or is not an IpcError.
 * With `fields` left out every named field is taken to exist.
 */
export function toFormErrors(error: unknown, fields?: readonly string[]): FormErrors {
  if (!isIpcError(error)) return { fields: {}, form: errorMessage(error) };
  const name = error.field ?? null;
  if (name === null) return { fields: {}, form: error.message };
  const target = fields === undefined ? name : matchField(name, fields);
  if (target === null) return { fields: {}, form: error.message };
  return { fields: { [target]: withoutField(error.message, name) }, form: null };
}

/** The core's "end: 19:00 is not after …" shown under End reads "19:00 is not after …". */
function withoutField(message: string, field: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * Puts the cursor where the user must look after a refused save: the first field with a message,
 * else the form-level message. Call it once the messages are on the page (after `tick()`).
 */
export function focusFirstError(form: HTMLElement | undefined, errors: FormErrors): void {
  const name = Object.keys(errors.fields)[0];
  const target = name ? form?.querySelector<HTMLElement>(`[name="${name}"]`) : null;
  (target ?? form?.querySelector<HTMLElement>(".form-error"))?.focus();
}
