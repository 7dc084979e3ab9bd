import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import DataTable from "./DataTable.svelte";
import type { Column, DataTableHandle } from "./table";

interface Gathering {
  id: number;
  name: string;
  city: string | null;
  capacity: number;
}

const gatherings: Gathering[] = [
  { id: 1, name: "Opening party", city: "Berlin", capacity: 300 },
  { id: 2, name: "Contributor dinner", city: "Zürich", capacity: 40 },
  { id: 3, name: "Rust meetup", city: null, capacity: 120 },
];

const columns: Column<Gathering>[] = [
  { key: "name", label: "Name", text: (g) => g.name },
  { key: "city", label: "City", text: (g) => g.city ?? "—", sort: (g) => g.city },
  { key: "capacity", label: "Capacity", align: "end", text: (g) => String(g.capacity), sort: (g) => g.capacity },
];

function setup(props: Partial<{ items: Gathering[]; onopen: (g: Gathering) => void; filterKey: string }> = {}) {
  return render(DataTable<Gathering>, {
    props: { items: gatherings, columns, key: (g: Gathering) => g.id, label: "Gatherings", ...props },
  });
}

/** The first cell's text of each rendered body row. */
function names(): string[] {
  return screen
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("gridcell")[0]?.textContent.trim() ?? "");
}

async function typeFilter(text: string) {
  const box = screen.getByRole("searchbox", { name: "Filter Gatherings" });
  await fireEvent.input(box, { target: { value: text } });
}

describe("DataTable", () => {
  it("renders a labelled grid with headers and cells", () => {
    setup();
    const grid = screen.getByRole("grid", { name: "Gatherings" });
    expect(grid.getAttribute("aria-rowcount")).toBe("4");
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent.trim())).toEqual(["Name", "City", "Capacity"]);
    expect(names()).toEqual(["Opening party", "Contributor dinner", "Rust meetup"]);
    expect(screen.getByRole("status").textContent.trim()).toBe("3 of 3");
  });

  it("sorts by a header click, ascending then descending", async () => {
    setup();
    const header = screen.getByRole("columnheader", { name: "Capacity" });
    expect(header.getAttribute("aria-sort")).toBe("none");
    await fireEvent.click(within(header).getByRole("button"));
    expect(header.getAttribute("aria-sort")).toBe("ascending");
    expect(names()).toEqual(["Contributor dinner", "Rust meetup", "Opening party"]);
    await fireEvent.click(within(header).getByRole("button"));
    expect(header.getAttribute("aria-sort")).toBe("descending");
    expect(names()).toEqual(["Opening party", "Rust meetup", "Contributor dinner"]);
    expect(screen.getByRole("columnheader", { name: "Name" }).getAttribute("aria-sort")).toBe("none");
  });

  it("keeps missing values last", async () => {
    setup();
    const header = screen.getByRole("columnheader", { name: "City" });
    await fireEvent.click(within(header).getByRole("button"));
    await fireEvent.click(within(header).getByRole("button"));
    expect(names()).toEqual(["Contributor dinner", "Opening party", "Rust meetup"]);
  });

  it("filters across the columns as you type and counts", async () => {
    setup();
    await typeFilter("zurich");
    expect(names()).toEqual(["Contributor dinner"]);
    expect(screen.getByRole("status").textContent.trim()).toBe("1 of 3");
    await typeFilter("12");
    expect(names()).toEqual(["Rust meetup"]);
  });

  it("tells whether the filter lets an item through, shown now or not", async () => {
    const table = setup({ items: gatherings.slice(0, 1) }).component as DataTableHandle<Gathering>;
    const [party, dinner] = gatherings;
    if (!party || !dinner) throw new Error("no gatherings");
    expect(table.filterPasses(dinner)).toBe(true);
    await typeFilter("ZÜRICH dinner");
    expect(table.filterPasses(dinner)).toBe(true);
    expect(table.filterPasses(party)).toBe(false);
    await typeFilter("zurich party");
    expect(table.filterPasses(dinner)).toBe(false);
  });

  it("says when the filter hides everything and clears it", async () => {
    setup();
    await typeFilter("nothing like this");
    expect(screen.getByText("No rows match “nothing like this”")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Clear filter" }));
    expect(names()).toHaveLength(3);
  });

  it("shows the key that focuses the filter in the box, to the eye and to assistive technology", () => {
    setup({ filterKey: "/" });
    const box = screen.getByRole("searchbox", { name: "Filter Gatherings" });
    expect(box.getAttribute("aria-keyshortcuts")).toBe("/");
    const key = box.parentElement?.querySelector("kbd");
    expect(key?.textContent).toBe("/");
    expect(key?.getAttribute("aria-hidden")).toBe("true");
  });

  it("shows no key in the filter box when none is given", () => {
    setup();
    const box = screen.getByRole("searchbox", { name: "Filter Gatherings" });
    expect(box.hasAttribute("aria-keyshortcuts")).toBe(false);
    expect(box.parentElement?.querySelector("kbd")).toBeNull();
  });

  it("shows an empty state without items", () => {
    setup({ items: [] });
    expect(screen.getByText("Nothing here yet")).toBeTruthy();
    expect(screen.getByRole("status").textContent.trim()).toBe("0 of 0");
  });

  it("opens a row on double click and on Enter", async () => {
    const onopen = vi.fn();
    setup({ onopen });
    const row = screen.getAllByRole("row")[2];
    if (!row) throw new Error("no row");
    await fireEvent.dblClick(row);
    expect(onopen).toHaveBeenLastCalledWith(gatherings[1]);

    const grid = screen.getByRole("grid");
    await fireEvent.keyDown(grid, { key: "Home" });
    await fireEvent.keyDown(grid, { key: "Enter" });
    expect(onopen).toHaveBeenLastCalledWith(gatherings[0]);
  });

  it("keeps the selection on its item when the order changes", async () => {
    setup();
    const dinner = screen.getAllByRole("row")[2];
    if (!dinner) throw new Error("no row");
    await fireEvent.click(dinner);
    await fireEvent.click(within(screen.getByRole("columnheader", { name: "Capacity" })).getByRole("button"));
    const selected = screen.getAllByRole("row").filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected.map((r) => r.textContent)).toEqual([expect.stringContaining("Contributor dinner")]);
  });

  it("moves from the filter box into the rows with the down arrow; Escape clears the filter", async () => {
    setup();
    await typeFilter("party");
    const box = screen.getByRole("searchbox");
    await fireEvent.keyDown(box, { key: "ArrowDown" });
    const grid = screen.getByRole("grid");
    expect(document.activeElement).toBe(grid);
    expect(screen.getAllByRole("row")[1]?.getAttribute("aria-selected")).toBe("true");
    await fireEvent.keyDown(box, { key: "Escape" });
    expect((box as HTMLInputElement).value).toBe("");
  });

  it("filters and sorts 10,000 rows while rendering few", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `Gathering ${i}`, city: i % 3 ? "Berlin" : "Lyon", capacity: i % 500 }));
    setup({ items: many });
    expect(screen.getAllByRole("row").length).toBeLessThan(40);
    const started = performance.now();
    await typeFilter("lyon 99");
    await fireEvent.click(within(screen.getByRole("columnheader", { name: "Capacity" })).getByRole("button"));
    expect(performance.now() - started).toBeLessThan(1000);
    const count = many.filter((g) => g.city === "Lyon" && g.name.includes("99")).length;
    expect(screen.getByRole("status").textContent.trim()).toBe(`${count.toLocaleString("en-US")} of 10,000`);
  });
});
