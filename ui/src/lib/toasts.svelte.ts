// Success and failure messages: any code calls `toasts.success(…)` or `toasts.error(error)`,
// and the one <Toaster /> in App shows them.
import { errorMessage, isIpcError } from "./formErrors";

export type ToastKind = "success" | "error" | "info";

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** A second, quieter line: an error's code, the file written. */
  detail: string | null;
}

export interface ToastOptions {
  detail?: string | null;
  /** Milliseconds until it goes by itself; 0 keeps it until dismissed. */
  timeout?: number;
}

/** How long each kind stays by default; errors stay until dismissed. */
export const DEFAULT_TIMEOUT: Readonly<Record<ToastKind, number>> = { success: 4000, info: 4000, error: 0 };

/** The most shown at once; older ones make way. */
export const MAX_TOASTS = 4;

export class Toasts {
  items: Toast[] = $state([]);
  #next = 1;
  // Timers are bookkeeping, not state anything renders.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(kind: ToastKind, message: string, options: ToastOptions = {}): number {
    const id = this.#next++;
    this.items = [...this.items, { id, kind, message, detail: options.detail ?? null }];
    while (this.items.length > MAX_TOASTS) {
      const oldest = this.items[0];
      if (oldest) this.dismiss(oldest.id);
    }
    const timeout = options.timeout ?? DEFAULT_TIMEOUT[kind];
    if (timeout > 0) this.#timers.set(id, setTimeout(() => this.dismiss(id), timeout));
    return id;
  }

  success(message: string, options?: ToastOptions): number {
    return this.show("success", message, options);
  }

  info(message: string, options?: ToastOptions): number {
    return this.show("info", message, options);
  }

  /** A failure: anything a command rejected with; an IpcError's code becomes the detail. */
  error(error: unknown, options: ToastOptions = {}): number {
    const detail = options.detail ?? (isIpcError(error) ? `code: ${error.code}` : null);
    return this.show("error", errorMessage(error), { ...options, detail });
  }

  dismiss(id: number): void {
    const timer = this.#timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(id);
    this.items = this.items.filter((toast) => toast.id !== id);
  }

  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.items = [];
  }
}

export const toasts = new Toasts();
