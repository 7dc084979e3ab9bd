import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type GatheringView, type TimelineDay, type TimelineFilter } from "../bindings/commands";
import { gathering, northwind } from "../testdata";
import TimelineScreen from "./TimelineScreen.svelte";

vi.mock("../bindings/commands", () => ({
  commands: { timelineDays: vi.fn(), timelineDay: vi.fn() },
}));

const mocked = vi.mocked(commands);

const items: GatheringView[] = [
  gathering({ id: 1, title: "Opening keynote", start_local: "2027-01-05T09:00", end_local: "2027-01-05T10:00", room: "Auditorium" }),
  gathering({ id: 2, title: "Fuzzing everything", start_local: "2027-01-05T10:30", end_local: "2027-01-05T11:00", room: "Room 1" }),
  gathering({ id: 3, title: "Formal methods", start_local: "2027-01-05T10:30", end_local: "2027-01-05T11:00", room: "Room 2", status: "cancelled" }),
  gathering({ id: 4, kind: "social", title: "Speakers' dinner", start_local: "2027-01-05T19:30", end_local: "2027-01-05T22:30", room: null, venue: "Brasserie Georges", audience: "speakers", expected_headcount: 60, capacity: 50 }),
  gathering({ id: 5, title: "Day two keynote", start_local: "2027-01-06T09:00", end_local: "2027-01-06T10:00", room: "Auditorium" }),
  gathering({ id: 6, kind: "milestone", title: "CfP closes", start_local: "2026-11-06T00:00", end_local: "2026-11-06T00:00", room: null, venue: "Online" }),
];

// jsdom has no layout: give the timeline's scroller a tall view, so every block of a day is in it.
Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 3000 });
Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1400 });

/** The core's timeline over `list`, as far as these tests need it (the core's own tests check it). */
function serve(list: GatheringView[]) {
  const matches = (f: TimelineFilter, g: GatheringView) => {
    const text = f.text?.toLowerCase();
    return (
      (!f.kind || g.kind === f.kind) &&
      (!f.audience || g.audience === f.audience) &&
      (!f.status || g.status === f.status) &&
      (!text || [g.title, g.room, g.venue, g.track].some((v) => v?.toLowerCase().includes(text)))
    );
  };
  const dayOf = (g: GatheringView) => g.start_local.slice(0, 10);
  mocked.timelineDays.mockImplementation((f: TimelineFilter) => {
    const days = [...new Set(list.map(dayOf))].sort();
    const result: TimelineDay[] = days.map((day) => ({
      day,
      gatherings: list.filter((g) => dayOf(g) === day).length,
      matching: list.filter((g) => dayOf(g) === day && matches(f, g)).length,
    }));
    return Promise.resolve(result);
  });
  mocked.timelineDay.mockImplementation((f: TimelineFilter, day: string) => Promise.resolve(list.filter((g) => dayOf(g) === day && matches(f, g))));
}

beforeEach(() => {
  vi.clearAllMocks();
  localStorage.clear();
  serve(items);
});

async function ready(): Promise<HTMLElement> {
  return waitFor(() => {
    const root = document.querySelector<HTMLElement>('[data-screen="timeline"]');
    if (root?.dataset.ready !== "timeline") throw new Error("not ready");
    return root;
  });
}

function element(root: HTMLElement, selector: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

function blockIds(root: HTMLElement): number[] {
  return [...root.querySelectorAll<HTMLElement>("[data-gathering-id]")].map((b) => Number(b.dataset.gatheringId)).sort((a, b) => a - b);
}

describe("TimelineScreen", () => {
  it("shows the summit's first day by room, one tab per day", async () => {
    render(TimelineScreen, { props: { summit: northwind, summits: [northwind] } });
    const root = await ready();
    expect(mocked.timelineDays).toHaveBeenCalledWith({ summit_id: 1, kind: null, audience: null, status: null, text: null });
    // Only the shown day is loaded.
    expect(mocked.timelineDay).toHaveBeenCalledTimes(1);
    const tabs = within(root).getAllByRole("tab");
    expect(tabs.map((t) => t.dataset.day)).toEqual(["2026-11-06", "2027-01-05", "2027-01-06"]);
    expect(tabs[1]?.getAttribute("aria-selected")).toBe("true");
    expect(blockIds(root)).toEqual([1, 2, 3, 4]);
    expect(root.querySelector('[data-gathering-id="2"]')?.textContent).toContain("Fuzzing everything");
    expect([...root.querySelectorAll(".head-label")].map((h) => h.textContent)).toEqual(["Auditorium", "Room 1", "Room 2", "Brasserie Georges"]);
    expect(root.querySelector('[data-gathering-id="3"]')?.classList.contains("cancelled")).toBe(true);
    expect(root.querySelector('[data-gathering-id="4"]')?.classList.contains("kind-social")).toBe(true);
  });

  it("switches days and remembers the day", async () => {
    render(TimelineScreen, { props: { summit: northwind, summits: [northwind] } });
    const root = await ready();
    await fireEvent.click(within(root).getByRole("tab", { name: /6 Jan/ }));
    await waitFor(() => expect(blockIds(root)).toEqual([5]));
    expect(mocked.timelineDay).toHaveBeenLastCalledWith(expect.objectContaining({ summit_id: 1 }), "2027-01-06");
    expect(localStorage.getItem("roadie.timeline-day:summit-1")).toBe("2027-01-06");
  });

  it("filters by kind, status and text, and counts matches per day", async () => {
    render(TimelineScreen, { props: { summit: northwind, summits: [northwind] } });
    const root = await ready();
    const kind = root.querySelector<HTMLSelectElement>('select[name="kind"]');
    const status = root.querySelector<HTMLSelectElement>('select[name="status"]');
    const audience = root.querySelector<HTMLSelectElement>('select[name="audience"]');
    if (!kind || !status || !audience) throw new Error("missing filters");
    expect(screen.getByLabelText("Kind")).toBe(kind);
    expect(screen.getByLabelText("Audience")).toBe(audience);
    await fireEvent.change(kind, { target: { value: "session" } });
    await waitFor(() => expect(blockIds(root)).toEqual([1, 2, 3]));
    await fireEvent.change(status, { target: { value: "cancelled" } });
    await waitFor(() => expect(blockIds(root)).toEqual([3]));
    expect(mocked.timelineDays).toHaveBeenLastCalledWith({ summit_id: 1, kind: "session", audience: null, status: "cancelled", text: null });
    expect(within(root).getByRole("tab", { name: /6 Jan/ }).querySelector(".day-count")?.textContent).toBe("0");
    expect(within(root).getByRole("tab", { name: /5 Jan/ }).querySelector(".day-count")?.textContent).toBe("1");
    await fireEvent.change(kind, { target: { value: "" } });
    await fireEvent.change(status, { target: { value: "" } });
    await fireEvent.input(element(root, 'input[type="search"]'), { target: { value: " Dinner " } });
    await waitFor(() => expect(blockIds(root)).toEqual([4]));
    expect(mocked.timelineDay).toHaveBeenLastCalledWith(expect.objectContaining({ text: "Dinner" }), "2027-01-05");
  });

  it("opens a gathering's details", async () => {
    render(TimelineScreen, { props: { summit: northwind, summits: [northwind] } });
    const root = await ready();
    await fireEvent.click(element(root, '[data-gathering-id="4"]'));
    const dialog = await screen.findByRole("dialog", { name: "Speakers' dinner" });
    expect(within(dialog).getByText("Brasserie Georges")).toBeTruthy();
    expect(within(dialog).getByText(/60 expected/)).toBeTruthy();
    expect(within(dialog).getByText("Over capacity")).toBeTruthy();
  });

  it("lists standalone meetups without a summit", async () => {
    serve([
      gathering({ id: 9, summit_id: null, kind: "meetup", title: "Rust Lyon", start_local: "2027-02-04T19:00", end_local: "2027-02-04T21:00", room: null, venue: "Le Sirius" }),
    ]);
    render(TimelineScreen, { props: { summit: null, summits: [] } });
    const root = await ready();
    expect(mocked.timelineDays).toHaveBeenCalledWith(expect.objectContaining({ standalone: true }));
    expect(blockIds(root)).toEqual([9]);
  });

  it("renders only the blocks in view", async () => {
    Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 400 });
    try {
      render(TimelineScreen, { props: { summit: northwind, summits: [northwind] } });
      const root = await ready();
      // the dinner at 19:30 is far below a 400-pixel view of a day that starts at 09:00
      expect(blockIds(root)).toEqual([1, 2, 3]);
    } finally {
      Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 3000 });
    }
  });

  it("says when there is nothing yet", async () => {
    serve([]);
    render(TimelineScreen, { props: { summit: northwind, summits: [northwind] } });
    const root = await ready();
    expect(within(root).getByText("Nothing on the timeline yet")).toBeTruthy();
  });
});
