import { fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet, tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import VirtualList from "./VirtualList.svelte";

const items = Array.from({ length: 10_000 }, (_, i) => `Item ${i}`);

// Rows are reused while scrolling, so the row's text follows its item reactively.
const row = createRawSnippet<[item: string, index: number, selected: boolean]>((item) => ({
  render: () => `<span class="cell"></span>`,
  setup: (node) => {
    $effect(() => {
      node.textContent = item();
    });
  },
}));

// jsdom lays nothing out: give every element a 320px-high box so the list has a viewport.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 320 });
});
afterEach(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, "clientHeight", clientHeight);
});

function options() {
  return screen.getAllByRole("option");
}

describe("VirtualList", () => {
  it("renders only the rows in view plus overscan for 10,000 items", () => {
    render(VirtualList<string>, { props: { items, rowHeight: 32, row, label: "Gatherings", overscan: 4 } });
    const list = screen.getByRole("listbox", { name: "Gatherings" });
    const rendered = options();
    expect(rendered).toHaveLength(10 + 4); // 320px / 32px, plus overscan below
    expect(list.querySelectorAll(".cell")).toHaveLength(14);
    expect(rendered[0]?.getAttribute("aria-setsize")).toBe("10000");
    expect(rendered[0]?.getAttribute("aria-posinset")).toBe("1");
  });

  it("renders the rows scrolled to", async () => {
    render(VirtualList<string>, { props: { items, rowHeight: 32, row, label: "Gatherings", overscan: 4 } });
    const list = screen.getByRole("listbox");
    list.scrollTop = 32 * 5000;
    await fireEvent.scroll(list);
    const rendered = options();
    expect(rendered.length).toBeLessThan(30);
    expect(rendered[0]?.textContent).toBe("Item 4996");
    expect(rendered.some((o) => o.textContent === "Item 5009")).toBe(true);
  });

  it("moves the selection with the keyboard and activates with Enter", async () => {
    const onactivate = vi.fn();
    const onselect = vi.fn();
    render(VirtualList<string>, { props: { items, rowHeight: 32, row, label: "Gatherings", onactivate, onselect } });
    const list = screen.getByRole("listbox");
    list.focus();

    await fireEvent.keyDown(list, { key: "ArrowDown" });
    await fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(onselect).toHaveBeenLastCalledWith("Item 1", 1);
    const active = document.getElementById(list.getAttribute("aria-activedescendant") ?? "");
    expect(active?.textContent).toBe("Item 1");
    expect(active?.getAttribute("aria-selected")).toBe("true");

    await fireEvent.keyDown(list, { key: "End" });
    await tick();
    expect(list.scrollTop).toBe(10_000 * 32 - 320);
    const last = document.getElementById(list.getAttribute("aria-activedescendant") ?? "");
    expect(last?.textContent).toBe("Item 9999");

    await fireEvent.keyDown(list, { key: "Enter" });
    expect(onactivate).toHaveBeenCalledWith("Item 9999", 9999);
  });

  it("selects on click and activates on double click", async () => {
    const onactivate = vi.fn();
    render(VirtualList<string>, { props: { items, rowHeight: 32, row, label: "Gatherings", onactivate } });
    const third = options()[2];
    if (!third) throw new Error("no third row");
    await fireEvent.click(third);
    expect(third.getAttribute("aria-selected")).toBe("true");
    expect(onactivate).not.toHaveBeenCalled();
    await fireEvent.dblClick(third);
    expect(onactivate).toHaveBeenCalledWith("Item 2", 2);
  });

  it("is a grid with row indices when asked", () => {
    render(VirtualList<string>, { props: { items: items.slice(0, 3), rowHeight: 32, row, label: "Rows", role: "grid" } });
    const grid = screen.getByRole("grid", { name: "Rows" });
    expect(grid.getAttribute("aria-rowcount")).toBe("3");
    expect(screen.getAllByRole("row").map((r) => r.getAttribute("aria-rowindex"))).toEqual(["1", "2", "3"]);
  });

  it("shows the empty snippet for no items", () => {
    const empty = createRawSnippet(() => ({ render: () => "<p>Nothing yet</p>" }));
    render(VirtualList<string>, { props: { items: [], rowHeight: 32, row, label: "Rows", empty } });
    expect(screen.getByText("Nothing yet")).toBeTruthy();
  });

  it("takes its new height a frame after new rows, unless the rows or the viewport need it now", async () => {
    const { rerender } = render(VirtualList<string>, { props: { items, rowHeight: 32, row, label: "Rows" } });
    const list = screen.getByRole("listbox");
    const body = () => list.querySelector<HTMLElement>(".vlist-body")?.style.height;
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await nextFrame();
    expect(body()).toBe("320000px");

    // A filter keeps half: the rows change now, the height in the next frame.
    await rerender({ items: items.filter((_, i) => i % 2 === 1) });
    expect(options()[0]?.textContent).toBe("Item 1");
    expect(body()).toBe("320000px");
    await nextFrame();
    await tick();
    expect(body()).toBe("160000px");

    // Three rows do not fill the viewport: the height follows at once.
    await rerender({ items: items.slice(0, 3) });
    expect(body()).toBe("96px");
    // Growing back from fewer rows than the DOM shows: at once too.
    await rerender({ items });
    expect(body()).toBe("320000px");
  });

  it("lays out its full height before moving to a row beyond the old one", async () => {
    const { rerender } = render(VirtualList<string>, {
      props: { items: items.slice(0, 1000), rowHeight: 32, row, label: "Rows" },
    });
    const list = screen.getByRole("listbox");
    // A browser clamps scrollTop to the height laid out at the moment it is set; jsdom does not.
    let top = 0;
    Object.defineProperty(list, "scrollTop", {
      get: () => top,
      set: (value: number) => {
        const laidOut = parseFloat(list.querySelector<HTMLElement>(".vlist-body")?.style.height ?? "0");
        top = Math.min(value, laidOut - 320);
      },
    });
    await rerender({ items });
    expect(list.querySelector<HTMLElement>(".vlist-body")?.style.height).toBe("32000px");
    list.focus();
    await fireEvent.keyDown(list, { key: "End" });
    expect(list.querySelector<HTMLElement>(".vlist-body")?.style.height).toBe("320000px");
    expect(list.scrollTop).toBe(10_000 * 32 - 320);
  });
});
