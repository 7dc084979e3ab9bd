import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Speaker, SpeakerData, Summit } from "../bindings/commands";

vi.mock("../bindings/commands", () => ({
  commands: {
    listSpeakers: vi.fn(),
    createSpeaker: vi.fn(),
    updateSpeaker: vi.fn(),
  },
}));

const { commands } = await import("../bindings/commands");
const { default: SpeakersScreen } = await import("./SpeakersScreen.svelte");
const { default: SpeakerForm } = await import("./SpeakerForm.svelte");
const { toasts } = await import("../lib/toasts.svelte");

const XSS = "<img src=x onerror=alert(1)>";

const summit: Summit = {
  id: 7,
  name: "Northwind Open Source Summit",
  slug: "northwind",
  city: "Lyon",
  venue: null,
  tz: "Europe/Paris",
  start_date: "2026-03-12",
  end_date: "2026-03-14",
  currency: "EUR",
  budget: null,
};

function speaker(id: number, name: string, extra: Partial<Speaker> = {}): Speaker {
  return { id, name, talk_ids: [], email: null, organisation: null, home_city: null, country: null, first_time: false, ...extra };
}

let db: Speaker[] = [];

beforeEach(() => {
  vi.clearAllMocks();
  toasts.clear();
  db = [
    speaker(1, "Ada Lovelace", { organisation: "Analytical Engines", country: "GB", home_city: "London", talk_ids: [10, 11], email: "ada@example.org" }),
    speaker(2, XSS, { organisation: XSS, first_time: true }),
    speaker(3, "Grace Hopper", { country: "US", talk_ids: [12] }),
  ];
  vi.mocked(commands.listSpeakers).mockImplementation((filter) =>
    Promise.resolve(filter.summit_id === 7 ? db.filter((s) => s.id === 1) : [...db]),
  );
  vi.mocked(commands.createSpeaker).mockImplementation((data: SpeakerData) => {
    const created = speaker(50, data.name, { ...data });
    db.push(created);
    return Promise.resolve(created);
  });
});

function names(): string[] {
  return screen
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("gridcell")[0]?.querySelector(".cell-primary")?.textContent ?? "");
}

async function ready() {
  await waitFor(() => expect(document.querySelector('[data-ready="speakers"]')).not.toBeNull());
}

function control(name: string): HTMLInputElement {
  const element = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no input named ${name}`);
  return element;
}

describe("SpeakersScreen", () => {
  it("lists every speaker, with a toggle for those speaking at the summit", async () => {
    render(SpeakersScreen, { props: { summit, summits: [summit] } });
    await ready();
    expect(commands.listSpeakers).toHaveBeenCalledWith({});
    expect(commands.listSpeakers).toHaveBeenCalledWith({ summit_id: 7 });
    expect(names()).toEqual(["Ada Lovelace", XSS, "Grace Hopper"]);

    const toggle = screen.getByLabelText<HTMLInputElement>("Only speakers with a talk at this summit");
    await fireEvent.click(toggle);
    expect(toggle.checked).toBe(true);
    expect(names()).toEqual(["Ada Lovelace"]);
  });

  it("selects the speaker a link asked for", async () => {
    const { jump } = await import("../lib/jump.svelte");
    jump.request({ kind: "speaker", id: 3 });
    render(SpeakersScreen, { props: { summit, summits: [summit] } });
    await ready();
    const row = screen.getByText("Grace Hopper").closest('[role="row"]');
    await waitFor(() => expect(row?.getAttribute("aria-selected")).toBe("true"));
    expect(jump.pending).toBeNull();
  });

  it("shows country, city, e-mail, talks and the first-time badge", async () => {
    render(SpeakersScreen, { props: { summit, summits: [summit] } });
    await ready();
    const [ada, odd] = screen.getAllByRole("row").slice(1);
    if (!ada || !odd) throw new Error("rows missing");
    const cells = within(ada).getAllByRole("gridcell").map((c) => c.textContent.replace(/\s+/g, " ").trim());
    expect(cells[0]).toBe("Ada Lovelace Analytical Engines");
    expect(cells[1]).toMatch(/^GB United Kingdom/);
    expect(cells[2]).toBe("London");
    expect(cells[3]).toBe("ada@example.org");
    expect(cells[4]).toBe("here 2");
    expect(within(odd).getByText("First time")).toBeTruthy();
  });

  it("renders a name full of markup as the literal text it is", async () => {
    render(SpeakersScreen, { props: { summit, summits: [summit] } });
    await ready();
    expect(screen.getAllByText(XSS).length).toBeGreaterThanOrEqual(2);
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows every speaker outside a summit, without the toggle", async () => {
    render(SpeakersScreen, { props: { summit: null, summits: [summit] } });
    await ready();
    expect(commands.listSpeakers).toHaveBeenCalledTimes(1);
    expect(screen.queryByLabelText("Only speakers with a talk at this summit")).toBeNull();
    expect(names()).toHaveLength(3);
  });

  it("adds a speaker: the core's error under Country, then saved and selected", async () => {
    render(SpeakersScreen, { props: { summit, summits: [summit] } });
    await ready();
    await fireEvent.click(screen.getByRole("button", { name: /New speaker/ }));
    const dialog = await screen.findByRole("dialog", { name: "New speaker" });
    vi.mocked(commands.createSpeaker).mockRejectedValueOnce({
      code: "invalid",
      message: "\"DEU\" is not a two-letter country code such as DE",
      field: "country",
    });
    await fireEvent.input(control("name"), { target: { value: "Linus" } });
    await fireEvent.input(control("country"), { target: { value: "DEU" } });
    await fireEvent.click(control("first_time"));
    await fireEvent.click(within(dialog).getByRole("button", { name: "Add speaker" }));
    await waitFor(() => expect(control("country").getAttribute("aria-invalid")).toBe("true"));
    const described = control("country").getAttribute("aria-describedby")?.split(" ") ?? [];
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain("\"DEU\" is not a two-letter country code such as DE");
    expect(control("name").value).toBe("Linus");
    expect(control("country").value).toBe("DEU");
    expect(control("first_time").checked).toBe(true);

    await fireEvent.input(control("country"), { target: { value: "de" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Add speaker" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.createSpeaker).toHaveBeenLastCalledWith({
      name: "Linus",
      email: null,
      organisation: null,
      home_city: null,
      country: "de",
      first_time: true,
    });
    await waitFor(() => expect(names()).toContain("Linus"));
    const selected = screen.getAllByRole("row").filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected.map((r) => r.textContent)).toEqual([expect.stringContaining("Linus")]);
  });
});

describe("SpeakerForm", () => {
  it("edits a speaker whose name is markup as plain text, and saves it unchanged", async () => {
    vi.mocked(commands.updateSpeaker).mockImplementation((id, data) => Promise.resolve(speaker(id, data.name, { ...data })));
    const onsaved = vi.fn();
    const odd = db[1];
    if (!odd) throw new Error("no speaker");
    render(SpeakerForm, { props: { speaker: odd, onsaved, onclose: vi.fn() } });
    expect(control("name").value).toBe(XSS);
    expect(document.querySelector("img")).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(commands.updateSpeaker).toHaveBeenCalledWith(2, expect.objectContaining({ name: XSS, organisation: XSS, first_time: true }));
    expect(toasts.items.map((t) => t.message)).toEqual([`Saved ${XSS}`]);
  });

  it("shows an e-mail the core refuses under E-mail", async () => {
    vi.mocked(commands.createSpeaker).mockRejectedValueOnce({ code: "invalid", message: "is not an e-mail address", field: "email" });
    render(SpeakerForm, { props: { speaker: null, onsaved: vi.fn(), onclose: vi.fn() } });
    await fireEvent.input(control("name"), { target: { value: "Ken" } });
    await fireEvent.input(control("email"), { target: { value: "ken@" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add speaker" }));
    await waitFor(() => expect(control("email").getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("is not an e-mail address")).toBeTruthy();
    expect(control("email").value).toBe("ken@");
  });
});
