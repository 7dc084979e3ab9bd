import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { GatheringForm as GatheringFormData, GatheringView, IpcError, Summit } from "../bindings/commands";

vi.mock("../bindings/commands", () => ({
  commands: {
    createGathering: vi.fn(),
    updateGathering: vi.fn(),
  },
}));

const { commands } = await import("../bindings/commands");
const { default: GatheringForm } = await import("./GatheringForm.svelte");
const { toasts } = await import("../lib/toasts.svelte");

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

function saved(form: GatheringFormData, id = 41): GatheringView {
  return {
    id,
    uid: "u",
    sequence: 0,
    summit_id: form.summit_id,
    kind: form.kind,
    title: form.title,
    description: form.description,
    start: "2026-03-12T18:00:00Z",
    end: "2026-03-12T21:00:00Z",
    start_local: form.start,
    end_local: form.end,
    tz: form.tz,
    venue: form.venue,
    room: form.room,
    url: form.url,
    geo: null,
    track: form.track,
    capacity: form.capacity,
    expected_headcount: form.expected_headcount,
    audience: form.audience,
    status: form.status,
    recurrence: form.recurrence,
  };
}

function input(name: string): HTMLInputElement {
  const element = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no input named ${name}`);
  return element;
}

/** The message the field named `name` shows: its element tied by aria-describedby. */
function errorOf(name: string): string | null {
  const control = input(name);
  if (control.getAttribute("aria-invalid") !== "true") return null;
  const ids = (control.getAttribute("aria-describedby") ?? "").split(" ");
  const shown = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains("field-error"));
  return shown?.textContent.trim() ?? null;
}

async function type(name: string, value: string) {
  await fireEvent.input(input(name), { target: { value } });
}

async function save() {
  await fireEvent.click(screen.getByRole("button", { name: /^(Add|Save)$/ }));
}

const endError: IpcError = {
  code: "invalid",
  message: "2026-03-12 18:00 is not after the start 2026-03-12 19:00 (Europe/Paris)",
  field: "end",
};

beforeEach(() => {
  vi.clearAllMocks();
  toasts.clear();
  vi.mocked(commands.createGathering).mockImplementation((form) => Promise.resolve(saved(form)));
  vi.mocked(commands.updateGathering).mockImplementation((id, form) => Promise.resolve(saved(form, id)));
});

describe("GatheringForm", () => {
  it("prefills a new social on the summit's first evening, in the summit's zone", () => {
    render(GatheringForm, { props: { gathering: null, summit, kind: "social", onsaved: vi.fn(), onclose: vi.fn() } });
    expect(screen.getByRole("dialog", { name: "New social" })).toBeTruthy();
    expect(input("start").value).toBe("2026-03-12T19:00");
    expect(input("end").value).toBe("2026-03-12T22:00");
    expect(input("tz").value).toBe("Europe/Paris");
    expect(input("start").type).toBe("datetime-local");
    // the zone is shown next to the times
    expect(screen.getAllByText("Europe/Paris", { selector: ".zone" })).toHaveLength(2);
    expect(document.activeElement).toBe(input("title"));
  });

  it("shows the core's message under End, keeps the input and saves nothing", async () => {
    vi.mocked(commands.createGathering).mockRejectedValueOnce(endError);
    const onsaved = vi.fn();
    const onclose = vi.fn();
    render(GatheringForm, { props: { gathering: null, summit, kind: "social", onsaved, onclose } });
    await type("title", "Boat party");
    await type("end", "2026-03-12T18:00");
    await save();

    await waitFor(() => expect(errorOf("end")).toBe(endError.message));
    expect(document.querySelector('[data-error-for="end"]')?.textContent.trim()).toBe(endError.message);
    expect(errorOf("start")).toBeNull();
    expect(input("title").value).toBe("Boat party");
    expect(input("end").value).toBe("2026-03-12T18:00");
    expect(document.activeElement).toBe(input("end"));
    expect(onsaved).not.toHaveBeenCalled();
    expect(onclose).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog")).toBeTruthy();

    // fixed, it saves: the form goes with the typed text and the summit
    await type("end", "2026-03-12T23:30");
    await save();
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    expect(commands.createGathering).toHaveBeenLastCalledWith({
      summit_id: 7,
      kind: "social",
      title: "Boat party",
      description: null,
      start: "2026-03-12T19:00",
      end: "2026-03-12T23:30",
      tz: "Europe/Paris",
      venue: null,
      room: null,
      url: null,
      geo: null,
      track: null,
      capacity: null,
      expected_headcount: null,
      audience: "attendees",
      status: "tentative",
      recurrence: null,
    });
    expect(onclose).toHaveBeenCalled();
    expect(toasts.items.map((t) => t.message)).toEqual(["Added “Boat party”"]);
  });

  it("shows a refused status (a new gathering cannot start cancelled) under Status", async () => {
    vi.mocked(commands.createGathering).mockRejectedValueOnce({ code: "invalid", message: "a new gathering cannot start cancelled", field: "status" });
    render(GatheringForm, { props: { gathering: null, summit, kind: "social", onsaved: vi.fn(), onclose: vi.fn() } });
    await type("title", "Dinner");
    await fireEvent.change(input("status"), { target: { value: "cancelled" } });
    await save();
    await waitFor(() => expect(errorOf("status")).toBe("a new gathering cannot start cancelled"));
    expect(input("status").value).toBe("cancelled");
  });

  it("shows an error that names no field above the form", async () => {
    vi.mocked(commands.createGathering).mockRejectedValueOnce({ code: "invalid", message: "no such summit", field: "summit" });
    render(GatheringForm, { props: { gathering: null, summit, kind: "social", onsaved: vi.fn(), onclose: vi.fn() } });
    await type("title", "Dinner");
    await save();
    expect((await screen.findByRole("alert")).textContent).toContain("no such summit");
  });

  it("edits a stored gathering with its local times and offers to cancel it", async () => {
    const stored = saved({
      summit_id: 7,
      kind: "social",
      title: "Welcome party",
      description: "Drinks",
      start: "2026-03-11T19:00",
      end: "2026-03-11T23:00",
      tz: "Europe/Paris",
      venue: "La Sucrière",
      room: null,
      url: null,
      geo: null,
      track: null,
      capacity: 600,
      expected_headcount: 450,
      audience: "attendees",
      status: "confirmed",
      recurrence: null,
    }, 12);
    const oncancelgathering = vi.fn();
    const onsaved = vi.fn();
    render(GatheringForm, { props: { gathering: stored, summit, onsaved, onclose: vi.fn(), oncancelgathering } });
    expect(input("start").value).toBe("2026-03-11T19:00");
    expect(input("capacity").value).toBe("600");
    await type("capacity", "650");
    await save();
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(commands.updateGathering).toHaveBeenCalledWith(12, expect.objectContaining({ capacity: 650, venue: "La Sucrière", start: "2026-03-11T19:00" }));
  });

  it("makes only meetups outside a summit", async () => {
    const onsaved = vi.fn();
    render(GatheringForm, { props: { gathering: null, summit: null, onsaved, onclose: vi.fn() } });
    const kind = input("kind") as unknown as HTMLSelectElement;
    expect([...kind.options].map((o) => o.value)).toEqual(["meetup"]);
    expect(input("recurrence")).toBeTruthy();
    await type("title", "Hack night");
    await type("recurrence", "FREQ=MONTHLY;BYDAY=1TH");
    await save();
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(commands.createGathering).toHaveBeenCalledWith(
      expect.objectContaining({ summit_id: null, kind: "meetup", recurrence: "FREQ=MONTHLY;BYDAY=1TH", audience: "public" }),
    );
  });
});
