import { afterEach, describe, expect, it, vi } from "vitest";
import { ariaBinding, formatBinding, isTypingTarget, matches, parseBinding, ShortcutRegistry } from "./shortcuts";

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe("parseBinding", () => {
  it("reads modifiers and key", () => {
    expect(parseBinding("Mod+Shift+N")).toEqual({ key: "n", mod: true, ctrl: false, alt: false, shift: true, meta: false });
    expect(parseBinding("/")).toMatchObject({ key: "/", mod: false });
    expect(parseBinding("Esc").key).toBe("escape");
    expect(parseBinding("Mod++").key).toBe("+");
  });

  it("rejects nonsense", () => {
    expect(() => parseBinding("Hyper+N")).toThrow(/unknown modifier/);
    expect(() => parseBinding("Mod+")).toThrow(/no key/);
  });
});

describe("formatBinding", () => {
  it("shows Mod as Ctrl on Linux and Windows", () => {
    expect(formatBinding("Mod+N", "other")).toBe("Ctrl+N");
    expect(formatBinding("Mod+Shift+e", "other")).toBe("Ctrl+Shift+E");
    expect(formatBinding("Mod+1", "other")).toBe("Ctrl+1");
    expect(formatBinding("/", "other")).toBe("/");
    expect(formatBinding("Escape", "other")).toBe("Esc");
  });

  it("uses the symbols on macOS", () => {
    expect(formatBinding("Mod+N", "mac")).toBe("⌘N");
    expect(formatBinding("Mod+Shift+N", "mac")).toBe("⇧⌘N");
  });
});

describe("ariaBinding", () => {
  it("spells bindings the way aria-keyshortcuts wants", () => {
    expect(ariaBinding("Mod+1", "other")).toBe("Control+1");
    expect(ariaBinding("Mod+Shift+n", "mac")).toBe("Shift+Meta+N");
    expect(ariaBinding("Escape", "other")).toBe("Escape");
  });
});

describe("matches", () => {
  const ev = (key: string, init: Partial<KeyboardEvent> = {}) =>
    ({ key, code: "", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, target: null, ...init }) as KeyboardEvent;

  it("takes Mod as Ctrl off macOS and Cmd on it", () => {
    const b = parseBinding("Mod+N");
    expect(matches(b, ev("n", { ctrlKey: true }), "other")).toBe(true);
    expect(matches(b, ev("n", { metaKey: true }), "other")).toBe(false);
    expect(matches(b, ev("n", { metaKey: true }), "mac")).toBe(true);
    expect(matches(b, ev("n", { ctrlKey: true }), "mac")).toBe(false);
    expect(matches(b, ev("N", { ctrlKey: true, shiftKey: true }), "other")).toBe(false);
    expect(matches(b, ev("n"), "other")).toBe(false);
  });

  it("matches digits by physical key on any layout", () => {
    const b = parseBinding("Mod+1");
    expect(matches(b, ev("1", { ctrlKey: true, code: "Digit1" }), "other")).toBe(true);
    expect(matches(b, ev("&", { ctrlKey: true, code: "Digit1" }), "other")).toBe(true); // AZERTY
    expect(matches(b, ev("2", { ctrlKey: true, code: "Digit2" }), "other")).toBe(false);
  });

  it("matches letters on non-Latin layouts by physical key", () => {
    expect(matches(parseBinding("Mod+F"), ev("а", { ctrlKey: true, code: "KeyF" }), "other")).toBe(true);
  });

  it("ignores Shift for symbols whose key needs it on some layouts", () => {
    expect(matches(parseBinding("/"), ev("/", { shiftKey: true }), "other")).toBe(true);
    expect(matches(parseBinding("?"), ev("?", { shiftKey: true }), "other")).toBe(true);
  });
});

describe("isTypingTarget", () => {
  it("knows text fields from other controls", () => {
    const text = document.createElement("input");
    const box = document.createElement("input");
    box.type = "checkbox";
    const area = document.createElement("textarea");
    const button = document.createElement("button");
    const editable = document.createElement("div");
    editable.contentEditable = "true";
    expect(isTypingTarget(text)).toBe(true);
    expect(isTypingTarget(area)).toBe(true);
    expect(isTypingTarget(box)).toBe(false);
    expect(isTypingTarget(button)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    // jsdom has no isContentEditable; browsers do
    expect(typeof isTypingTarget(editable)).toBe("boolean");
  });
});

describe("ShortcutRegistry", () => {
  it("runs the handler and consumes the event", () => {
    const registry = new ShortcutRegistry("other");
    const handler = vi.fn();
    registry.register("Mod+N", handler);
    const stop = registry.listen(window);
    const event = press("n", { ctrlKey: true });
    expect(handler).toHaveBeenCalledOnce();
    expect(event.defaultPrevented).toBe(true);
    stop();
    press("n", { ctrlKey: true });
    expect(handler).toHaveBeenCalledOnce();
  });

  it("ignores plain keys while typing, but not Mod combos", () => {
    const registry = new ShortcutRegistry("other");
    const slash = vi.fn();
    const find = vi.fn();
    registry.register("/", slash);
    registry.register("Mod+F", find);
    const stop = registry.listen(window);
    const input = document.createElement("input");
    document.body.append(input);

    const typed = press("/", {}, input);
    expect(slash).not.toHaveBeenCalled();
    expect(typed.defaultPrevented).toBe(false);
    press("f", { ctrlKey: true }, input);
    expect(find).toHaveBeenCalledOnce();

    press("/", {}, document.body);
    expect(slash).toHaveBeenCalledOnce();
    stop();
  });

  it("fires a plain key while typing when asked to", () => {
    const registry = new ShortcutRegistry("other");
    const escape = vi.fn();
    registry.register("Escape", escape, { whileTyping: true });
    const input = document.createElement("input");
    document.body.append(input);
    const stop = registry.listen(window);
    press("Escape", {}, input);
    expect(escape).toHaveBeenCalledOnce();
    stop();
  });

  it("lets the latest registration win and unregisters", () => {
    const registry = new ShortcutRegistry("other");
    const first = vi.fn();
    const second = vi.fn();
    registry.register(["Mod+1", "Mod+2"], first, { description: "First" });
    const remove = registry.register("Mod+1", second);
    const stop = registry.listen(window);
    press("1", { ctrlKey: true, code: "Digit1" });
    expect(second).toHaveBeenCalledOnce();
    expect(first).not.toHaveBeenCalled();
    remove();
    press("1", { ctrlKey: true, code: "Digit1" });
    expect(first).toHaveBeenCalledOnce();
    expect(registry.list()).toEqual([{ bindings: ["Mod+1", "Mod+2"], description: "First" }]);
    stop();
  });

  it("leaves alone events already handled or mid-composition", () => {
    const registry = new ShortcutRegistry("other");
    const handler = vi.fn();
    registry.register("/", handler);
    const composing = new KeyboardEvent("keydown", { key: "/", isComposing: true, cancelable: true });
    expect(registry.handle(composing)).toBe(false);
    const handled = new KeyboardEvent("keydown", { key: "/", cancelable: true });
    handled.preventDefault();
    expect(registry.handle(handled)).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it("stays quiet behind an open modal dialog unless asked", () => {
    const registry = new ShortcutRegistry("other");
    const behind = vi.fn();
    const inside = vi.fn();
    registry.register("Mod+N", behind);
    registry.register("Mod+S", inside, { inDialog: true });
    const dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    document.body.append(dialog);
    try {
      expect(registry.handle(new KeyboardEvent("keydown", { key: "n", ctrlKey: true, cancelable: true }))).toBe(false);
      expect(registry.handle(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, cancelable: true }))).toBe(true);
      expect(behind).not.toHaveBeenCalled();
      expect(inside).toHaveBeenCalledOnce();
    } finally {
      dialog.remove();
    }
    expect(registry.handle(new KeyboardEvent("keydown", { key: "n", ctrlKey: true, cancelable: true }))).toBe(true);
  });
});
