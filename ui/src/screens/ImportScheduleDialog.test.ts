import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { open as openDialog } from "@tauri-apps/plugin-dialog";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "../bindings/commands";
import { northwind } from "../testdata";
import ImportScheduleDialog from "./ImportScheduleDialog.svelte";
import { report } from "./importSchedule.testdata";

vi.mock("../bindings/commands", () => ({
  commands: { previewScheduleImport: vi.fn(), importSchedule: vi.fn() },
}));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: (message: unknown) => void = () => undefined;
  },
}));

const mocked = vi.mocked(commands);

const preview = report({
  added: 3,
  changed: 1,
  cancelled: 1,
  unchanged: 2,
  sessions: { added: 2, changed: 1, cancelled: 1, unchanged: 2 },
  speakers: { added: 1, changed: 0, cancelled: 0, unchanged: 0 },
  warnings: ["line 40, column 3: \"Zero\" lasts no time at all, so it is not imported"],
  changes: [
    { action: "added", key: "guid:a", gathering_id: null, title: "Opening", start_local: "2027-01-05T10:00", end_local: "2027-01-05T10:30", room: "Saal 1", fields: [] },
    { action: "changed", key: "guid:b", gathering_id: 7, title: "Compilers", start_local: "2027-01-06T15:00", end_local: "2027-01-06T16:00", room: "Saal 2", fields: ["start", "end", "room"] },
    { action: "cancelled", key: "guid:c", gathering_id: 8, title: "Closing", start_local: "2027-01-07T17:00", end_local: "2027-01-07T17:30", room: null, fields: ["status"] },
  ],
});

function input(name: string): HTMLInputElement {
  const el = screen.getByRole("dialog").querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no input ${name}`);
  return el;
}

beforeEach(() => {
  mocked.previewScheduleImport.mockReset();
  mocked.importSchedule.mockReset();
  vi.mocked(openDialog).mockReset();
});

describe("ImportScheduleDialog", () => {
  it("previews a typed path into the current summit, then imports it", async () => {
    mocked.previewScheduleImport.mockResolvedValue(preview);
    mocked.importSchedule.mockResolvedValue({ ...preview, applied: true });
    const onimported = vi.fn();
    render(ImportScheduleDialog, { props: { open: true, summit: northwind, onimported } });
    expect(input("summit").value).toBe("northwind");
    await fireEvent.input(input("path"), { target: { value: "/tmp/schedule.xml" } });
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    const shown = await screen.findByRole("region", { name: "Preview" });
    expect(mocked.previewScheduleImport).toHaveBeenCalledWith("/tmp/schedule.xml", { summit: "northwind", tz: null, currency: null }, expect.anything());
    expect(within(shown).getByText(/2 sessions to add, 1 session to change, 1 session to cancel, 1 new speaker/)).toBeTruthy();
    const changes = within(shown).getByRole("list", { name: "Changes" });
    expect(within(changes).getAllByRole("listitem").map((li) => li.dataset.action)).toEqual(["added", "changed", "cancelled"]);
    expect(within(changes).getByText(/· start, end, room/)).toBeTruthy();
    expect(within(shown).getByText(/lasts no time at all/)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Import 5 changes" }));
    await waitFor(() => expect(onimported).toHaveBeenCalled());
    expect(mocked.importSchedule).toHaveBeenCalledWith("/tmp/schedule.xml", { summit: "northwind", tz: null, currency: null }, expect.anything());
  });

  it("chooses the file in the native dialog and previews it at once", async () => {
    vi.mocked(openDialog).mockResolvedValue("/home/me/36c3.json");
    mocked.previewScheduleImport.mockResolvedValue(report());
    render(ImportScheduleDialog, { props: { open: true, summit: northwind } });
    await fireEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await waitFor(() => expect(mocked.previewScheduleImport).toHaveBeenCalled());
    expect(input("path").value).toBe("/home/me/36c3.json");
    expect(await screen.findByText(/Everything is up to date/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Nothing to import" }).disabled).toBe(true);
  });

  it("shows where a bad file went wrong, and a missing zone under its field", async () => {
    mocked.previewScheduleImport.mockRejectedValueOnce({
      code: "invalid",
      field: 'schedule.conference.days[0].rooms["Hall B"][0].duration',
      message: 'schedule.conference.days[0].rooms["Hall B"][0].duration: "banana" is not a duration (expected hours and minutes, H:MM, e.g. 1:30)',
    });
    render(ImportScheduleDialog, { props: { open: true, summit: null } });
    await fireEvent.input(input("path"), { target: { value: "/tmp/banana.json" } });
    await fireEvent.input(input("summit"), { target: { value: "tiny" } });
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain('rooms["Hall B"][0].duration: "banana" is not a duration');

    mocked.previewScheduleImport.mockRejectedValueOnce({ code: "invalid", field: "tz", message: "tz: the Sessionize JSON (All view) gives its times without a time zone: name the venue's zone, e.g. Europe/Berlin" });
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    await waitFor(() => expect(screen.getByRole("dialog").querySelector('[data-error-for="tz"]')?.textContent).toMatch(/^the Sessionize JSON/));
    expect(mocked.importSchedule).not.toHaveBeenCalled();
  });

  it("asks for a file before previewing", async () => {
    render(ImportScheduleDialog, { props: { open: true, summit: northwind } });
    expect(input("path").required).toBe(true);
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect(mocked.previewScheduleImport).not.toHaveBeenCalled();
  });
});
