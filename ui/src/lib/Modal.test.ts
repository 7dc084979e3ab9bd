import { fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet, flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import Modal from "./Modal.svelte";

const children = createRawSnippet(() => ({
  render: () => `<div><input aria-label="First" /><button type="button">Middle</button><button type="button">Last</button></div>`,
}));

function open(props: { dismissible?: boolean; onclose?: () => void } = {}) {
  const opener = document.createElement("button");
  opener.textContent = "Open";
  document.body.append(opener);
  opener.focus();
  const view = render(Modal, { props: { open: true, title: "Edit summit", description: "Change the details.", children, ...props } });
  flushSync();
  return { opener, view };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe("Modal", () => {
  it("is a labelled, described modal dialog that takes focus", () => {
    open();
    const dialog = screen.getByRole("dialog", { name: "Edit summit" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.getElementById(dialog.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Change the details.");
    expect(document.activeElement).toBe(screen.getByLabelText("First"));
  });

  it("keeps Tab inside", async () => {
    open();
    const dialog = screen.getByRole("dialog");
    const close = screen.getByRole("button", { name: "Close" });
    const last = screen.getByRole("button", { name: "Last" });
    last.focus();
    await fireEvent.keyDown(dialog, { key: "Tab" });
    expect(document.activeElement).toBe(close); // wraps to the first control, the close button
    await fireEvent.keyDown(dialog, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it("pulls focus back when it escapes", () => {
    const { opener } = open();
    opener.focus();
    expect(document.activeElement).not.toBe(opener);
    expect(screen.getByRole("dialog").contains(document.activeElement)).toBe(true);
  });

  it("closes on Escape and returns focus", async () => {
    const onclose = vi.fn();
    const { opener } = open({ onclose });
    await fireEvent.keyDown(screen.getByLabelText("First"), { key: "Escape" });
    expect(onclose).toHaveBeenCalledOnce();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("closes on a backdrop click but not a click inside", async () => {
    const onclose = vi.fn();
    open({ onclose });
    const dialog = screen.getByRole("dialog");
    await fireEvent.mouseDown(dialog);
    await fireEvent.click(dialog);
    expect(onclose).not.toHaveBeenCalled();
    const backdrop = dialog.parentElement;
    if (!backdrop) throw new Error("no backdrop");
    await fireEvent.mouseDown(backdrop);
    await fireEvent.click(backdrop);
    expect(onclose).toHaveBeenCalledOnce();
  });

  it("stays open when not dismissible", async () => {
    const onclose = vi.fn();
    open({ dismissible: false, onclose });
    await fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
    expect(onclose).not.toHaveBeenCalled();
    expect(screen.queryByRole("button", { name: "Close" })).toBeNull();
  });
});
