import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type CsvReport } from "../bindings/commands";
import { northwind } from "../testdata";
import CsvImportDialog from "./CsvImportDialog.svelte";
import { csvSummary, overrides } from "./csvImport";

vi.mock("../bindings/commands", () => ({
  commands: { previewCsvImport: vi.fn(), importCsv: vi.fn() },
}));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn() }));

const mocked = vi.mocked(commands);

function report(over: Partial<CsvReport> = {}): CsvReport {
  return {
    kind: "speakers",
    applied: false,
    rows: 3,
    added: 2,
    changed: 1,
    unchanged: 0,
    speakers_added: 0,
    headers: ["Full Name", "Mail", "Company"],
    columns: [
      { field: "name", column: "Full Name" },
      { field: "email", column: null },
      { field: "organisation", column: "Company" },
    ],
    ignored_columns: ["Mail"],
    problems: [],
    changes: [
      { line: 2, action: "added", name: "Ada Lovelace", detail: null },
      { line: 3, action: "added", name: "Alan Turing", detail: null },
      { line: 4, action: "changed", name: "Grace Hopper", detail: "organisation" },
    ],
    ...over,
  };
}

function input(name: string): HTMLInputElement | HTMLSelectElement {
  const el = screen.getByRole("dialog").querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no control ${name}`);
  return el;
}

beforeEach(() => {
  mocked.previewCsvImport.mockReset();
  mocked.importCsv.mockReset();
});

describe("csv import words", () => {
  it("sums up a report", () => {
    expect(csvSummary(report())).toBe("3 rows: 2 new speakers to add, 1 changed.");
    expect(csvSummary(report({ applied: true }))).toBe("3 rows: 2 new speakers, 1 changed.");
    expect(csvSummary(report({ kind: "travel", added: 1, changed: 0, unchanged: 2, speakers_added: 1 }))).toBe(
      "3 rows: 1 new travel request to add, 2 unchanged, 1 new speaker for applicants not known yet.",
    );
    expect(csvSummary(report({ problems: [{ line: 3, field: "email", message: "bad" }] }))).toBe("3 rows: 1 problem to fix before anything is imported.");
  });

  it("sends the chosen columns, none as an empty column", () => {
    expect(overrides({ email: "Mail", notes: "" })).toEqual([
      { field: "email", column: "Mail" },
      { field: "notes", column: "" },
    ]);
  });
});

describe("CsvImportDialog", () => {
  it("previews, remaps a column, and imports", async () => {
    mocked.previewCsvImport.mockResolvedValueOnce(report()).mockResolvedValueOnce(report({ columns: [{ field: "name", column: "Full Name" }, { field: "email", column: "Mail" }, { field: "organisation", column: "Company" }], ignored_columns: [] }));
    mocked.importCsv.mockResolvedValue(report({ applied: true }));
    const onimported = vi.fn();
    render(CsvImportDialog, { props: { open: true, summit: northwind, onimported } });
    await fireEvent.input(input("path"), { target: { value: "/tmp/speakers.csv" } });
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    const shown = await screen.findByRole("region", { name: "Preview" });
    expect(within(shown).getByText("3 rows: 2 new speakers to add, 1 changed.")).toBeTruthy();
    expect(mocked.previewCsvImport).toHaveBeenLastCalledWith("/tmp/speakers.csv", { kind: "speakers", summit: null, columns: [] });
    await fireEvent.change(input("map-email"), { target: { value: "Mail" } });
    await waitFor(() => expect(mocked.previewCsvImport).toHaveBeenCalledTimes(2));
    expect(mocked.previewCsvImport).toHaveBeenLastCalledWith("/tmp/speakers.csv", { kind: "speakers", summit: null, columns: [{ field: "email", column: "Mail" }] });
    await fireEvent.click(await screen.findByRole("button", { name: "Import 3 rows" }));
    await waitFor(() => expect(onimported).toHaveBeenCalled());
  });

  it("lists every bad row by line and will not import", async () => {
    mocked.previewCsvImport.mockResolvedValue(
      report({
        problems: [
          { line: 3, field: "email", message: '"grace-at-navy" is not an e-mail address' },
          { line: 5, field: null, message: "has 1 field where the header has 3" },
        ],
      }),
    );
    render(CsvImportDialog, { props: { open: true, summit: northwind } });
    await fireEvent.input(input("path"), { target: { value: "/tmp/bad.csv" } });
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    const problems = await screen.findByRole("alert");
    expect(problems.textContent).toContain("2 problems; nothing is imported until they are fixed.");
    expect([...problems.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      'line 3 · E-mail: "grace-at-navy" is not an e-mail address',
      "line 5: has 1 field where the header has 3",
    ]);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Fix the problems to import" }).disabled).toBe(true);
  });

  it("offers travel applications only with a summit, for that summit", async () => {
    mocked.previewCsvImport.mockResolvedValue(report({ kind: "travel" }));
    const { unmount } = render(CsvImportDialog, { props: { open: true, summit: null } });
    const option = screen.getByRole<HTMLOptionElement>("option", { name: /Travel applications/ });
    expect(option.disabled).toBe(true);
    unmount();
    render(CsvImportDialog, { props: { open: true, summit: northwind } });
    await fireEvent.input(input("path"), { target: { value: "/tmp/travel.csv" } });
    await fireEvent.change(input("kind"), { target: { value: "travel" } });
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    await waitFor(() => expect(mocked.previewCsvImport).toHaveBeenCalledWith("/tmp/travel.csv", { kind: "travel", summit: "northwind", columns: [] }));
  });
});
