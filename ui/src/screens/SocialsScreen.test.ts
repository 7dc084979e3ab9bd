import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GatheringForm, GatheringKind, GatheringView, Summit } from "../bindings/commands";

vi.mock("../bindings/commands", () => ({
  commands: {
    listGatherings: vi.fn(),
    createGathering: vi.fn(),
    updateGathering: vi.fn(),
    cancelGathering: vi.fn(),
  },
}));

const { commands } = await import("../bindings/commands");
const { default: SocialsScreen } = await import("./SocialsScreen.svelte");
const { shortcuts } = await import("../lib/shortcuts");
const { toasts } = await import("../lib/toasts.svelte");
const { whenParts } = await import("./socials");

const summit: Summit = {
  id: 7,
  name: "Northwind Open Source Summit",
  slug: "northwind",
  city: "Lyon",
  venue: "Centre de Congrès de Lyon",
  tz: "Europe/Paris",
  start_date: "2026-03-12",
  end_date: "2026-03-14",
  currency: "EUR",
  budget: null,
};

function view(id: number, kind: GatheringKind, title: string, extra: Partial<GatheringView> = {}): GatheringView {
  return {
    id,
    uid: `uid-${String(id)}`,
    sequence: 0,
    summit_id: 7,
    kind,
    title,
    description: null,
    start: "2026-03-12T18:00:00Z",
    end: "2026-03-12T21:00:00Z",
    start_local: "2026-03-12T19:00",
    end_local: "2026-03-12T22:00",
    tz: "Europe/Paris",
    venue: null,
    room: null,
    url: null,
    geo: null,
    track: null,
    capacity: null,
    expected_headcount: null,
    audience: "attendees",
    status: "confirmed",
    recurrence: null,
    ...extra,
  };
}

let db: GatheringView[] = [];

beforeEach(() => {
  vi.clearAllMocks();
  toasts.clear();
  db = [
    view(1, "session", "Keynote: Open source at scale", { room: "Auditorium Lumière" }),
    view(2, "social", "Welcome party", { venue: "La Sucrière", capacity: 600, expected_headcount: 450 }),
    view(3, "social", "Speakers' dinner", { venue: "Brasserie Georges", capacity: 120, expected_headcount: 135, audience: "speakers" }),
    view(4, "meetup", "Contributor meetup", { venue: "Le Sirius", audience: "public" }),
    view(5, "milestone", "Call for papers closes", { start_local: "2026-01-11T00:00", end_local: "2026-01-11T00:00" }),
  ];
  vi.mocked(commands.listGatherings).mockImplementation((filter) =>
    Promise.resolve(filter.standalone ? [view(9, "meetup", "Berlin Contributors Night", { summit_id: null, tz: "Europe/Berlin" })] : [...db]),
  );
  vi.mocked(commands.createGathering).mockImplementation((form: GatheringForm) => {
    const created = view(100 + db.length, form.kind, form.title, { start_local: form.start, end_local: form.end, status: form.status });
    db.push(created);
    return Promise.resolve(created);
  });
  vi.mocked(commands.cancelGathering).mockImplementation((id) => {
    const at = db.findIndex((g) => g.id === id);
    const found = db[at];
    if (!found) return Promise.reject(new Error("no such gathering"));
    const cancelled = { ...found, status: "cancelled" as const };
    db[at] = cancelled;
    return Promise.resolve(cancelled);
  });
});

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

/** The titles in the rendered rows, in order. */
function titles(): string[] {
  return screen
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("gridcell")[0]?.querySelector(".cell-primary")?.textContent.trim() ?? "");
}

async function ready() {
  await waitFor(() => expect(document.querySelector('[data-ready="socials"]')).not.toBeNull());
}

function kindSelect(): HTMLSelectElement {
  return screen.getByLabelText("Show");
}

describe("SocialsScreen", () => {
  it("lists the summit's socials and meetups, and every kind on request", async () => {
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    const root = document.querySelector('[data-screen="socials"]');
    expect(root?.getAttribute("data-ready")).toBeNull();
    await ready();
    expect(commands.listGatherings).toHaveBeenCalledWith({ summit_id: 7 });
    expect(titles()).toEqual(["Welcome party", "Speakers' dinner", "Contributor meetup"]);
    expect(kindSelect().name).toBe("kind-filter");
    expect(kindSelect().value).toBe("socials-meetups");

    await fireEvent.change(kindSelect(), { target: { value: "all" } });
    expect(titles()).toHaveLength(5);
    await fireEvent.change(kindSelect(), { target: { value: "milestone" } });
    expect(titles()).toEqual(["Call for papers closes"]);
    // the list was loaded once: the kind filter works on it
    expect(commands.listGatherings).toHaveBeenCalledTimes(1);
  });

  it("selects the gathering a link asked for, widening the kind filter for a session", async () => {
    const { jump } = await import("../lib/jump.svelte");
    jump.request({ kind: "gathering", id: 1 });
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    await ready();
    await waitFor(() => expect(kindSelect().value).toBe("all"));
    const row = screen.getByText("Keynote: Open source at scale").closest('[role="row"]');
    await waitFor(() => expect(row?.getAttribute("aria-selected")).toBe("true"));
    expect(jump.pending).toBeNull();
  });

  it("shows venue, day and time, audience, headcount and status", async () => {
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    await ready();
    const dinner = screen.getAllByRole("row").find((row) => row.textContent.includes("Speakers' dinner"));
    if (!dinner) throw new Error("no dinner row");
    const cells = within(dinner).getAllByRole("gridcell").map((c) => c.textContent.replace(/\s+/g, " ").trim());
    expect(cells[0]).toBe("Speakers' dinner Brasserie Georges");
    expect(cells[1]).toBe("Social");
    const when = whenParts("2026-03-12T19:00", "2026-03-12T22:00");
    expect(cells[2]).toBe(`${when.day} ${when.time}`);
    expect(cells[3]).toBe("Speakers");
    expect(cells[4]).toContain("135 / 120");
    expect(within(dinner).getByLabelText("Over capacity")).toBeTruthy();
    expect(cells[5]).toBe("Confirmed");
  });

  it("filters as you type, from the filter box that / focuses", async () => {
    stop = shortcuts.listen(window);
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    await ready();
    await fireEvent.keyDown(document.body, { key: "/", code: "Slash" });
    expect(document.activeElement).toBe(screen.getByRole("searchbox"));
    await fireEvent.input(screen.getByRole("searchbox"), { target: { value: "sirius" } });
    expect(titles()).toEqual(["Contributor meetup"]);
  });

  it("lists standalone meetups outside a summit, without the kind selector", async () => {
    render(SocialsScreen, { props: { summit: null, summits: [summit] } });
    await ready();
    expect(commands.listGatherings).toHaveBeenCalledWith({ standalone: true });
    expect(titles()).toEqual(["Berlin Contributors Night"]);
    // a gathering in another zone than the summit's says which
    expect(screen.getAllByRole("row")[1]?.querySelector(".tz")?.textContent).toBe("Berlin");
    expect(screen.queryByLabelText("Show")).toBeNull();
    expect(screen.getByRole("button", { name: /New meetup/ })).toBeTruthy();
  });

  it("creates with Mod+N: the core's error under End, then saved, listed and selected", async () => {
    stop = shortcuts.listen(window);
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    await ready();
    expect(screen.getByRole("button", { name: /New social/ }).getAttribute("data-action")).toBe("new");
    await fireEvent.keyDown(window, { key: "n", code: "KeyN", ctrlKey: true });
    const dialog = await screen.findByRole("dialog", { name: "New social" });

    vi.mocked(commands.createGathering).mockRejectedValueOnce({
      code: "invalid",
      message: "2026-03-12 18:00 is not after the start 2026-03-12 19:00 (Europe/Paris)",
      field: "end",
    });
    const field = (name: string) => within(dialog).getByLabelText<HTMLInputElement>((_, el) => el?.getAttribute("name") === name);
    await fireEvent.input(field("title"), { target: { value: "Boat party" } });
    await fireEvent.input(field("end"), { target: { value: "2026-03-12T18:00" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Add" }));
    await waitFor(() => expect(field("end").getAttribute("aria-invalid")).toBe("true"));
    expect(dialog.querySelector('[data-error-for="end"]')?.textContent).toContain("is not after the start");
    expect(titles()).not.toContain("Boat party");

    await fireEvent.input(field("end"), { target: { value: "2026-03-12T23:00" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Add" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(titles()).toContain("Boat party"));
    const selected = screen.getAllByRole("row").filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected.map((r) => r.textContent)).toEqual([expect.stringContaining("Boat party")]);
    expect(toasts.items.map((t) => t.message)).toContain("Added “Boat party”");
  });

  it("shows a new milestone by widening the kind filter", async () => {
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    await ready();
    await fireEvent.change(kindSelect(), { target: { value: "milestone" } });
    await fireEvent.click(screen.getByRole("button", { name: /New milestone/ }));
    const dialog = await screen.findByRole("dialog", { name: "New milestone" });
    await fireEvent.change(within(dialog).getByLabelText("Kind"), { target: { value: "social" } });
    await fireEvent.input(within(dialog).getByLabelText(/Title/), { target: { value: "Picnic" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Add" }));
    await waitFor(() => expect(titles()).toContain("Picnic"));
    expect(kindSelect().value).toBe("all");
  });

  it("cancels a gathering after confirmation; it stays listed with its badge", async () => {
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    await ready();
    const party = screen.getAllByRole("row").find((row) => row.textContent.includes("Welcome party"));
    if (!party) throw new Error("no party row");
    await fireEvent.dblClick(party);
    const form = await screen.findByRole("dialog", { name: "Edit social" });
    await fireEvent.click(within(form).getByRole("button", { name: /Cancel gathering/ }));
    const confirm = await screen.findByRole("dialog", { name: "Cancel “Welcome party”?" });
    await fireEvent.click(within(confirm).getByRole("button", { name: "Cancel gathering" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.cancelGathering).toHaveBeenCalledWith(2);
    await waitFor(() => {
      const row = screen.getAllByRole("row").find((r) => r.textContent.includes("Welcome party"));
      expect(row?.querySelector('[data-status="cancelled"]')).not.toBeNull();
    });
    expect(titles()).toContain("Welcome party");
  });

  it("keeps a gathering when the confirmation is declined", async () => {
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    await ready();
    const party = screen.getAllByRole("row").find((row) => row.textContent.includes("Contributor meetup"));
    if (!party) throw new Error("no meetup row");
    await fireEvent.click(party);
    await fireEvent.click(screen.getByRole("button", { name: "Cancel gathering…" }));
    const confirm = await screen.findByRole("dialog");
    await fireEvent.click(within(confirm).getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(commands.cancelGathering).not.toHaveBeenCalled();
  });

  it("says so when loading fails, and tries again", async () => {
    vi.mocked(commands.listGatherings).mockRejectedValueOnce({ code: "db", message: "database is locked", field: null });
    render(SocialsScreen, { props: { summit, summits: [summit] } });
    expect((await screen.findByRole("alert")).textContent).toContain("database is locked");
    await fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await ready();
    expect(titles()).toHaveLength(3);
  });
});
