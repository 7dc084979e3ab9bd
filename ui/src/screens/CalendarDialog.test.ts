import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CalendarAudience, CalendarOverview, Feed, PublishReport, Summit } from "../bindings/commands";
import { cancelledText, conflicts, eventsText, kindsText, reportCounts } from "./calendars";

vi.mock("../bindings/commands", () => ({
  commands: {
    calendarOverview: vi.fn(),
    exportCalendar: vi.fn(),
    caldavSettings: vi.fn(),
    saveCaldavSettings: vi.fn(),
    publishCaldav: vi.fn(),
  },
}));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn() }));

const { commands } = await import("../bindings/commands");
const { save: saveDialog } = await import("@tauri-apps/plugin-dialog");
const { default: CalendarDialog } = await import("./CalendarDialog.svelte");

const summit: Summit = {
  id: 7,
  name: "Northwind",
  slug: "northwind",
  city: null,
  venue: null,
  tz: "Europe/Paris",
  start_date: "2026-03-12",
  end_date: "2026-03-14",
  currency: "EUR",
  budget: null,
};

const EVENTS: Record<CalendarAudience, number> = { public: 2, attendees: 78, speakers: 79, organisers: 85 };

function overview(feed: Feed): CalendarOverview {
  const audience = typeof feed === "object" && feed.summit ? feed.summit.audience : "public";
  const events = EVENTS[audience];
  return {
    feed,
    name: `Northwind (${audience})`,
    description: "",
    events,
    kinds: [
      { kind: "session", count: events - 1 },
      { kind: "social", count: 1 },
    ],
    cancelled: audience === "organisers" ? 1 : 0,
    file_name: `northwind-${audience}.ics`,
  };
}

const report: PublishReport = {
  calendar: "Northwind (public schedule)",
  collection: "https://dav.example.org/cal/",
  created: 1,
  updated: 0,
  unchanged: 0,
  failed: [{ uid: "u1", title: "Keynote", conflict: true, reason: "changed on the server since Roadie published it" }],
  not_in_calendar: 0,
};

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(commands.calendarOverview).mockImplementation((feed) => Promise.resolve(overview(feed)));
  vi.mocked(commands.exportCalendar).mockImplementation((feed) => Promise.resolve(overview(feed)));
  vi.mocked(commands.caldavSettings).mockResolvedValue({ target: null, password_saved: false, keyring_problem: null });
  vi.mocked(commands.saveCaldavSettings).mockImplementation((target) =>
    Promise.resolve({ target, password_saved: target.user !== null, keyring_problem: null }),
  );
  vi.mocked(commands.publishCaldav).mockResolvedValue(report);
});

function input(name: string): HTMLInputElement {
  const element = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no input named ${name}`);
  return element;
}

describe("calendar texts", () => {
  it("say what a calendar holds", () => {
    const o = overview({ summit: { summit_id: 7, audience: "organisers" } });
    expect(eventsText(1)).toBe("1 event");
    expect(kindsText(o)).toBe("84 sessions and 1 social");
    expect(kindsText({ ...o, kinds: [] })).toBe("nothing yet");
    expect(kindsText({ ...o, kinds: [{ kind: "meetup", count: 1 }, { kind: "milestone", count: 2 }, { kind: "social", count: 3 }] })).toBe(
      "1 meetup, 2 milestones and 3 socials",
    );
    expect(
      kindsText({
        ...o,
        kinds: [
          { kind: "session", count: 2 },
          { kind: "arrival", count: 1 },
          { kind: "departure", count: 1 },
          { kind: "shipping-deadline", count: 4 },
        ],
      }),
    ).toBe("2 sessions, 1 arrival, 1 departure and 4 shipping deadlines");
    expect(cancelledText(o)).toContain("1 cancelled event stays in");
    expect(cancelledText({ ...o, cancelled: 0 })).toBeNull();
    expect(reportCounts(report)).toBe("1 created, 0 updated, 0 unchanged, 1 failed");
    expect(conflicts(report)).toBe(1);
  });
});

describe("CalendarDialog", () => {
  it("shows each audience's count and what the chosen calendar holds, then saves it to the typed path", async () => {
    render(CalendarDialog, { props: { open: true, summit } });
    await waitFor(() => expect(document.querySelector('[data-audience="organisers"]')?.getAttribute("data-events")).toBe("85"));
    for (const [audience, n] of Object.entries(EVENTS)) {
      expect(document.querySelector(`[data-audience="${audience}"]`)?.textContent).toContain(`${String(n)} events`);
    }
    expect(screen.getByTestId("calendar-contents").textContent).toContain("holds 2 events: 1 session and 1 social");
    await fireEvent.click(screen.getByRole("radio", { name: /Organisers/ }));
    expect(screen.getByTestId("calendar-contents").textContent).toContain("85 events");
    expect(screen.getByTestId("calendar-contents").textContent).toContain("1 cancelled event stays in");

    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(commands.exportCalendar).not.toHaveBeenCalled();
    expect(document.querySelector(".field-error")?.textContent).toContain("northwind-organisers.ics");

    await fireEvent.input(input("path"), { target: { value: "/tmp/out.ics" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Saved 85 events to /tmp/out.ics"));
    expect(commands.exportCalendar).toHaveBeenCalledWith({ summit: { summit_id: 7, audience: "organisers" } }, "/tmp/out.ics");
  });

  it("saves through the native dialog with the suggested file name", async () => {
    vi.mocked(saveDialog).mockResolvedValue("/home/ada/northwind-public.ics");
    render(CalendarDialog, { props: { open: true, summit } });
    await waitFor(() => screen.getByTestId("calendar-contents"));
    await fireEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await waitFor(() => expect(commands.exportCalendar).toHaveBeenCalledWith({ summit: { summit_id: 7, audience: "public" } }, "/home/ada/northwind-public.ics"));
    expect(vi.mocked(saveDialog).mock.calls[0]?.[0]?.defaultPath).toBe("northwind-public.ics");
  });

  it("publishes with the settings typed, the password sent only to be kept in the keyring, and offers to replace conflicts", async () => {
    render(CalendarDialog, { props: { open: true, summit } });
    await fireEvent.click(screen.getByRole("tab", { name: "Publish to CalDAV" }));
    await waitFor(() => input("url"));
    await fireEvent.input(input("url"), { target: { value: "https://dav.example.org/cal/" } });
    await fireEvent.input(input("user"), { target: { value: "ada" } });
    await fireEvent.input(input("password"), { target: { value: "secret" } });
    await fireEvent.click(screen.getByRole("button", { name: "Publish now" }));
    await waitFor(() => expect(screen.getByTestId("publish-report").textContent).toContain("1 created, 0 updated, 0 unchanged, 1 failed"));
    expect(commands.saveCaldavSettings).toHaveBeenCalledWith(
      { summit_id: 7, audience: "public", url: "https://dav.example.org/cal/", user: "ada" },
      "secret",
    );
    expect(commands.publishCaldav).toHaveBeenCalledWith(7, false);
    expect(input("password").value).toBe("");
    expect(input("password").placeholder).toBe("Saved in the OS keyring");
    await fireEvent.click(screen.getByRole("button", { name: /replacing the server's copy/ }));
    await waitFor(() => expect(commands.publishCaldav).toHaveBeenLastCalledWith(7, true));
  });

  it("shows a refused setting under its field and does not publish", async () => {
    vi.mocked(commands.saveCaldavSettings).mockRejectedValueOnce({
      code: "invalid",
      message: "url: \"http://x/\" is not a CalDAV collection address: http:// would send the password unencrypted",
      field: "url",
    });
    render(CalendarDialog, { props: { open: true, summit } });
    await fireEvent.click(screen.getByRole("tab", { name: "Publish to CalDAV" }));
    await waitFor(() => input("url"));
    await fireEvent.click(screen.getByRole("button", { name: "Publish now" }));
    await waitFor(() => expect(input("url").getAttribute("aria-invalid")).toBe("true"));
    expect(document.querySelector('[data-error-for="url"]')?.textContent).toContain("unencrypted");
    expect(commands.publishCaldav).not.toHaveBeenCalled();
  });
});
