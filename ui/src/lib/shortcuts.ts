// Keyboard shortcuts. A binding is a string of modifiers and one key joined by "+":
// "Mod+N", "Mod+Shift+E", "Mod+1", "/", "Escape". "Mod" is Cmd on macOS and Ctrl elsewhere.
//
// While the user types in a text field only bindings with Mod (or Ctrl/Alt/Meta) fire, so "/" types
// a slash there instead of jumping to the filter.

export type Platform = "mac" | "other";

export interface Binding {
  /** Lower-case key: "n", "1", "/", "escape", "arrowup". */
  key: string;
  mod: boolean;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

/** The parts of a KeyboardEvent shortcuts look at. */
export type KeyEventLike = Pick<
  KeyboardEvent,
  "key" | "code" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey" | "isComposing" | "target"
>;

export function detectPlatform(): Platform {
  if (typeof navigator === "undefined") return "other";
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const name = nav.userAgentData?.platform ?? nav.platform;
  return /mac|iphone|ipad|ipod/i.test(name === "" ? nav.userAgent : name) ? "mac" : "other";
}

const KEY_ALIASES: Readonly<Record<string, string>> = {
  esc: "escape",
  return: "enter",
  space: " ",
  up: "arrowup",
  down: "arrowdown",
  left: "arrowleft",
  right: "arrowright",
  del: "delete",
  plus: "+",
};

/** "Mod+Shift+N" as its parts. Throws on a binding without a key or with an unknown modifier. */
export function parseBinding(text: string): Binding {
  // "Mod++" binds the plus key: split leaves two empty parts at the end.
  const parts = text.trim().endsWith("++") ? [...text.trim().slice(0, -2).split("+"), "+"] : text.trim().split("+");
  const rawKey = parts.pop()?.trim();
  if (!rawKey) throw new Error(`shortcut ${JSON.stringify(text)} has no key`);
  const binding: Binding = { key: "", mod: false, ctrl: false, alt: false, shift: false, meta: false };
  for (const part of parts) {
    switch (part.trim().toLowerCase()) {
      case "mod":
      case "cmdorctrl":
        binding.mod = true;
        break;
      case "ctrl":
      case "control":
        binding.ctrl = true;
        break;
      case "alt":
      case "option":
        binding.alt = true;
        break;
      case "shift":
        binding.shift = true;
        break;
      case "meta":
      case "cmd":
      case "super":
        binding.meta = true;
        break;
      default:
        throw new Error(`shortcut ${JSON.stringify(text)} has an unknown modifier ${JSON.stringify(part)}`);
    }
  }
  const lower = rawKey.toLowerCase();
  binding.key = KEY_ALIASES[lower] ?? lower;
  return binding;
}

/** A key that types a symbol whose Shift state depends on the layout ("/", "?", "+"). */
function isSymbol(key: string): boolean {
  return key.length === 1 && !/[a-z0-9 ]/.test(key);
}

/** Whether `event` presses `binding` on `platform`. */
export function matches(binding: Binding, event: KeyEventLike, platform: Platform): boolean {
  const wantCtrl = binding.ctrl || (binding.mod && platform !== "mac");
  const wantMeta = binding.meta || (binding.mod && platform === "mac");
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta || event.altKey !== binding.alt) return false;
  // A symbol's character already says whether Shift was needed for it on this layout.
  if (!isSymbol(binding.key) && event.shiftKey !== binding.shift) return false;
  const key = event.key.toLowerCase();
  if (key === binding.key) return true;
  // Digits and letters by physical key too: Mod+1 on AZERTY, Mod+Shift+1 where Shift+1 types "!".
  if (/^[0-9]$/.test(binding.key)) {
    return event.code === `Digit${binding.key}` || event.code === `Numpad${binding.key}`;
  }
  if (/^[a-z]$/.test(binding.key) && (binding.mod || binding.ctrl || binding.meta || binding.alt)) {
    // Non-Latin layouts: Ctrl+С on a Cyrillic keyboard is still Ctrl+C.
    return !/^[a-z]$/.test(key) && event.code === `Key${binding.key.toUpperCase()}`;
  }
  return false;
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  escape: "Esc",
  enter: "Enter",
  " ": "Space",
  arrowup: "↑",
  arrowdown: "↓",
  arrowleft: "←",
  arrowright: "→",
  delete: "Del",
  backspace: "Backspace",
  tab: "Tab",
};

function keyName(key: string): string {
  return KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key.charAt(0).toUpperCase() + key.slice(1));
}

/** A binding as the user reads it: "Mod+N" is "Ctrl+N" on Linux and Windows, "⌘N" on macOS. */
export function formatBinding(text: string, platform: Platform = detectPlatform()): string {
  const b = parseBinding(text);
  if (platform === "mac") {
    const mods = `${b.ctrl ? "⌃" : ""}${b.alt ? "⌥" : ""}${b.shift ? "⇧" : ""}${b.mod || b.meta ? "⌘" : ""}`;
    return `${mods}${keyName(b.key)}`;
  }
  const mods = [
    b.ctrl || b.mod ? "Ctrl" : null,
    b.alt ? "Alt" : null,
    b.shift ? "Shift" : null,
    b.meta ? "Super" : null,
  ].filter((m) => m !== null);
  return [...mods, keyName(b.key)].join("+");
}

/** A binding in aria-keyshortcuts syntax: "Mod+N" is "Control+N" off macOS, "Meta+N" on it. */
export function ariaBinding(text: string, platform: Platform = detectPlatform()): string {
  const b = parseBinding(text);
  const key = b.key === " " ? "Space" : b.key.length === 1 ? b.key.toUpperCase() : b.key.charAt(0).toUpperCase() + b.key.slice(1);
  return [
    b.ctrl || (b.mod && platform !== "mac") ? "Control" : null,
    b.alt ? "Alt" : null,
    b.shift ? "Shift" : null,
    b.meta || (b.mod && platform === "mac") ? "Meta" : null,
    key,
  ]
    .filter((part) => part !== null)
    .join("+");
}

const TEXT_INPUT_TYPES = new Set([
  "text", "search", "email", "url", "tel", "password", "number",
  "date", "datetime-local", "time", "month", "week",
]);

/** Whether keys pressed with focus on `target` type text there. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === "undefined" || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return false;
}

export interface ShortcutOptions {
  /** What it does, for a list of shortcuts. */
  description?: string;
  /** Fire even while typing in a text field. Mod combos always do. */
  whileTyping?: boolean;
  /**
   * Fire even while a modal dialog is open. Off by default: the screen behind a dialog does not
   * answer keys (Mod+N must not open a second form, "/" must not reach a hidden filter).
   */
  inDialog?: boolean;
}

/** Whether a modal dialog (Modal.svelte, or any aria-modal dialog) is open. */
export function dialogOpen(): boolean {
  return typeof document !== "undefined" && document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

export interface Registered {
  bindings: string[];
  description: string | undefined;
}

interface Entry {
  texts: string[];
  bindings: Binding[];
  handler: (event: KeyboardEvent) => void;
  options: ShortcutOptions;
}

export class ShortcutRegistry {
  #entries: Entry[] = [];
  readonly platform: Platform;

  constructor(platform: Platform = detectPlatform()) {
    this.platform = platform;
  }

  /**
   * Calls `handler` when one of `bindings` is pressed; returns the function that removes it.
   * A later registration of the same keys wins until it is removed (a screen over the app).
   */
  register(bindings: string | readonly string[], handler: (event: KeyboardEvent) => void, options: ShortcutOptions = {}): () => void {
    const texts = typeof bindings === "string" ? [bindings] : [...bindings];
    const entry: Entry = { texts, bindings: texts.map(parseBinding), handler, options };
    this.#entries.push(entry);
    return () => {
      this.#entries = this.#entries.filter((e) => e !== entry);
    };
  }

  /** Runs the shortcut `event` presses, if any; true when one ran (and the event is consumed). */
  handle(event: KeyboardEvent): boolean {
    if (event.defaultPrevented || event.isComposing || event.key === "Dead" || event.key === "Process") return false;
    const typing = isTypingTarget(event.target);
    const modal = dialogOpen();
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const entry = this.#entries[i];
      if (!entry) continue;
      if (modal && !entry.options.inDialog) continue;
      const hit = entry.bindings.find((b) => matches(b, event, this.platform));
      if (!hit) continue;
      const chord = hit.mod || hit.ctrl || hit.meta || hit.alt;
      if (typing && !chord && !entry.options.whileTyping) continue;
      event.preventDefault();
      entry.handler(event);
      return true;
    }
    return false;
  }

  /** Everything registered, for a help list. */
  list(): Registered[] {
    return this.#entries.map((e) => ({ bindings: e.texts, description: e.options.description }));
  }

  /** Listens on `target` (the window) until the returned function is called. */
  listen(target: Pick<Window, "addEventListener" | "removeEventListener"> = window): () => void {
    const onkeydown = (event: Event) => {
      if (event instanceof KeyboardEvent) this.handle(event);
    };
    target.addEventListener("keydown", onkeydown);
    return () => target.removeEventListener("keydown", onkeydown);
  }
}

/** The app's one registry. */
export const shortcuts = new ShortcutRegistry();
