import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupInfo, Restored } from "../bindings/commands";

vi.mock("../bindings/commands", () => ({
  commands: { inspectBackup: vi.fn(), restoreBackup: vi.fn() },
}));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn() }));

const { commands } = await import("../bindings/commands");
const { open: openDialog } = await import("@tauri-apps/plugin-dialog");
const { default: RestoreBackup } = await import("./RestoreBackup.svelte");

const info: BackupInfo = {
  file: "/home/ada/roadie-backup.zip",
  kind: "archive",
  created_at: "2026-04-01T09:30:00Z",
  schema_version: 10,
  summits: ["Northwind Open Source Summit"],
  records: 1455,
  receipts: 2,
  missing_receipts: [],
};

const restored: Restored = {
  info,
  snapshot: { path: "/data/roadie-backups/roadie-20260401T100000Z-before-restore.db", at: "2026-04-01T10:00:00Z", reason: "before-restore" },
  receipts_written: 2,
  warnings: [],
};

function setup() {
  const onrestored = vi.fn();
  render(RestoreBackup, { databasePath: "/data/roadie.db", onrestored });
  return onrestored;
}

async function typeAndCheck(path: string) {
  await fireEvent.input(screen.getByLabelText("Backup file"), { target: { value: path } });
  await fireEvent.click(screen.getByRole("button", { name: "Restore…" }));
}

describe("restoring from a backup", () => {
  beforeEach(() => {
    vi.mocked(commands.inspectBackup).mockReset().mockResolvedValue(info);
    vi.mocked(commands.restoreBackup).mockReset().mockResolvedValue(restored);
    vi.mocked(openDialog).mockReset();
  });

  it("asks first, naming the file and the database, and cancelling restores nothing", async () => {
    const onrestored = setup();
    await typeAndCheck("  /home/ada/roadie-backup.zip ");
    expect(commands.inspectBackup).toHaveBeenCalledWith("/home/ada/roadie-backup.zip");
    const dialog = await screen.findByRole("dialog", { name: "Replace the open database?" });
    expect(dialog.textContent).toContain("/home/ada/roadie-backup.zip");
    expect(dialog.textContent).toContain("/data/roadie.db");
    expect(dialog.textContent).toContain("Northwind Open Source Summit");
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.restoreBackup).not.toHaveBeenCalled();
    expect(onrestored).not.toHaveBeenCalled();
  });

  it("restores once confirmed and says so", async () => {
    const onrestored = setup();
    await typeAndCheck("/home/ada/roadie-backup.zip");
    await fireEvent.click(await screen.findByRole("button", { name: "Replace the database" }));
    await waitFor(() => expect(onrestored).toHaveBeenCalledWith(restored));
    expect(commands.restoreBackup).toHaveBeenCalledWith("/home/ada/roadie-backup.zip");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows a refused file under the field and asks nothing", async () => {
    vi.mocked(commands.inspectBackup).mockRejectedValue({
      code: "invalid",
      field: "file",
      message: "file: /tmp/notes.txt: not a Roadie backup: neither a backup file (.zip) nor a database (.db)",
    });
    setup();
    await typeAndCheck("/tmp/notes.txt");
    expect(await screen.findByText(/^\/tmp\/notes.txt: not a Roadie backup/)).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("takes the file from the open dialog, and asks for one when the field is empty", async () => {
    setup();
    await fireEvent.click(screen.getByRole("button", { name: "Restore…" }));
    expect(await screen.findByText(/Choose a backup file, or type its full path/)).toBeTruthy();
    expect(commands.inspectBackup).not.toHaveBeenCalled();
    vi.mocked(openDialog).mockResolvedValue("/home/ada/snapshot.db");
    await fireEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await waitFor(() => expect(commands.inspectBackup).toHaveBeenCalledWith("/home/ada/snapshot.db"));
    expect(await screen.findByRole("dialog")).toBeTruthy();
  });
});
