import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "./bindings/commands";
import { appInfo, dashboardOf, gathering, northwind, oddSummit } from "./testdata";

// Every command answers an empty list unless a test says otherwise: the screens of other
// sections mount here too.
vi.mock("./bindings/commands", async (importOriginal) => {
  const real = await importOriginal<{ commands: Record<string, unknown> }>();
  return { commands: Object.fromEntries(Object.keys(real.commands).map((name) => [name, vi.fn(() => Promise.resolve([]))])) };
});

const { default: App } = await import("./App.svelte");

const mocked = vi.mocked(commands);

beforeEach(() => {
  vi.clearAllMocks();
  localStorage.clear();
  history.replaceState(null, "", "#/dashboard");
  mocked.appInfo.mockResolvedValue(appInfo);
  mocked.listSummits.mockResolvedValue([northwind, oddSummit]);
  mocked.listGatherings.mockResolvedValue([]);
  mocked.dashboard.mockImplementation((id: number) => Promise.resolve(dashboardOf(id === 2 ? oddSummit : northwind)));
  // The start-up answer as the core gives it: the summits listSummits gives, and the dashboard of
  // the summit asked for if it is one of them, else of the first.
  mocked.startup.mockImplementation(async (summit: number | null) => {
    const summits = (await mocked.listSummits.getMockImplementation()?.()) ?? [];
    const chosen = summits.find((s) => s.id === summit) ?? summits[0];
    return { info: appInfo, summits, dashboard: chosen ? dashboardOf(chosen) : null };
  });
});

describe("App", () => {
  it("shows the sections, the summits, the database path and the version", async () => {
    render(App);
    const nav = screen.getByRole("navigation", { name: "Sections" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((a) => a.querySelector(".nav-label")?.textContent)).toEqual([
      "Dashboard",
      "Timeline",
      "Socials & meetups",
      "Speakers",
      "Travel",
      "Swag & shipments",
      "Budget",
    ]);
    expect(links.map((a) => a.dataset.section)).toEqual(["dashboard", "timeline", "socials", "speakers", "travel", "swag", "budget"]);
    expect(await screen.findByText(appInfo.database_path)).toBeTruthy();
    expect(screen.getByText("Roadie 0.1.0")).toBeTruthy();
    const switcher = screen.getByLabelText<HTMLSelectElement>("Summit");
    await waitFor(() => expect(switcher.selectedOptions[0]?.textContent).toBe("Northwind Open Source Summit"));
    expect([...switcher.options].map((o) => o.textContent)).toEqual(["Northwind Open Source Summit", "<script>alert(1)</script>", "Standalone meetups"]);
    // user text stays text
    expect(document.querySelector("script")).toBeNull();
    await waitFor(() => expect(document.querySelector('[data-ready="dashboard"]')).not.toBeNull());
  });

  it("starts with one question that brings the app info, the summits and the dashboard", async () => {
    render(App);
    await waitFor(() => expect(document.querySelector('[data-ready="dashboard"]')).not.toBeNull());
    // Let anything a second start-up would ask for arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mocked.startup).toHaveBeenCalledTimes(1);
    expect(mocked.startup).toHaveBeenCalledWith(null);
    expect(mocked.appInfo).not.toHaveBeenCalled();
    expect(mocked.listSummits).not.toHaveBeenCalled();
    expect(mocked.dashboard).not.toHaveBeenCalled();
    expect(localStorage.getItem("roadie.database")).toBe(appInfo.database_path);
  });

  it("takes the start-up answer it was given, and asks again when trying again after a failure", async () => {
    const failed = Promise.reject(new Error("cannot open the database /data/roadie.db: disk I/O error"));
    render(App, { startup: failed });
    const alert = (await screen.findByText("Could not open the database.")).closest<HTMLElement>("[role=alert]");
    if (!alert) throw new Error("the message is not an alert");
    expect(alert.textContent).toContain("disk I/O error");
    expect(mocked.startup).not.toHaveBeenCalled();

    await fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(document.querySelector('[data-ready="dashboard"]')).not.toBeNull());
    expect(mocked.startup).toHaveBeenCalledTimes(1);
    expect(screen.queryByText("Could not open the database.")).toBeNull();
  });

  it("asks at start-up for the summit chosen last in the database opened last", async () => {
    localStorage.setItem("roadie.database", appInfo.database_path);
    localStorage.setItem(`roadie.summit:${appInfo.database_path}`, "2");
    render(App);
    await waitFor(() => expect(document.querySelector('[data-ready="dashboard"]')).not.toBeNull());
    expect(mocked.startup).toHaveBeenCalledWith(2);
    expect(screen.getByRole("heading", { level: 2, name: oddSummit.name })).toBeTruthy();
    expect(mocked.dashboard).not.toHaveBeenCalled();
  });

  it("asks for the dashboard itself when the start-up answer is another summit's", async () => {
    // The guess (summit 1, from another database file) is not what this database remembers.
    localStorage.setItem("roadie.database", "/elsewhere.db");
    localStorage.setItem("roadie.summit:/elsewhere.db", "1");
    localStorage.setItem(`roadie.summit:${appInfo.database_path}`, "2");
    render(App);
    await waitFor(() => expect(document.querySelector('[data-ready="dashboard"]')).not.toBeNull());
    expect(mocked.startup).toHaveBeenCalledWith(1);
    expect(mocked.dashboard).toHaveBeenCalledExactlyOnceWith(2);
    expect(screen.getByRole("heading", { level: 2, name: oddSummit.name })).toBeTruthy();
  });

  it("switches sections by click and by Mod+digit, and remembers the last one", async () => {
    render(App);
    await screen.findByText(appInfo.database_path);
    const nav = screen.getByRole("navigation", { name: "Sections" });
    await fireEvent.click(within(nav).getByRole("link", { name: /Travel/ }));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Travel");
    expect(location.hash).toBe("#/travel");
    await fireEvent.keyDown(window, { key: "7", code: "Digit7", ctrlKey: true });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Budget");
    expect(screen.getByRole("link", { name: /Budget/ }).getAttribute("aria-current")).toBe("page");
    expect(localStorage.getItem("roadie.section")).toBe("budget");
  });

  it("opens on the remembered section and the remembered summit of this database", async () => {
    history.replaceState(null, "", "#");
    localStorage.setItem("roadie.section", "timeline");
    localStorage.setItem(`roadie.summit:${appInfo.database_path}`, "2");
    render(App);
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>("Summit").value).toBe("2"));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Timeline");
  });

  it("switches to the standalone meetups and remembers it", async () => {
    render(App);
    const switcher = await screen.findByLabelText<HTMLSelectElement>("Summit");
    await waitFor(() => expect(switcher.value).toBe("1"));
    mocked.listGatherings.mockResolvedValue([
      gathering({ summit_id: null, kind: "meetup", title: "Rust Lyon #12", start_local: "2099-02-03T19:00", end_local: "2099-02-03T21:00", room: null, recurrence: "FREQ=MONTHLY;BYDAY=1TH" }),
    ]);
    await fireEvent.change(switcher, { target: { value: "standalone" } });
    expect(await screen.findByText("Rust Lyon #12")).toBeTruthy();
    expect(screen.getByText("Monthly")).toBeTruthy();
    expect(localStorage.getItem(`roadie.summit:${appInfo.database_path}`)).toBe("standalone");
    expect(mocked.listGatherings).toHaveBeenLastCalledWith(expect.objectContaining({ standalone: true }));
  });

  it("opens the shortcuts help with ?", async () => {
    render(App);
    await screen.findByText(appInfo.database_path);
    await fireEvent.keyDown(window, { key: "?", code: "Slash", shiftKey: true });
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(within(dialog).getByText("Go to Timeline")).toBeTruthy();
    expect(within(dialog).getByText("Ctrl+2")).toBeTruthy();
  });
});

describe("first launch", () => {
  beforeEach(() => {
    mocked.listSummits.mockResolvedValue([]);
    mocked.listGatherings.mockResolvedValue([]);
  });

  it("shows both choices when there are no summits and no meetups", async () => {
    render(App);
    const demo = await screen.findByRole("button", { name: /Open the demo/ });
    expect(demo.dataset.action).toBe("open-demo");
    expect(screen.getByRole("button", { name: /Create a summit/ }).dataset.action).toBe("create-summit");
    expect(screen.queryByRole("navigation", { name: "Sections" })).toBeNull();
  });

  it("opens the demo and goes to its dashboard", async () => {
    mocked.openDemo.mockImplementation(() => {
      mocked.listSummits.mockResolvedValue([northwind]);
      return Promise.resolve(northwind);
    });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: /Open the demo/ }));
    await waitFor(() => expect(document.querySelector('[data-ready="dashboard"]')).not.toBeNull());
    expect(mocked.openDemo).toHaveBeenCalledOnce();
    expect(screen.getByRole("heading", { level: 2, name: "Northwind Open Source Summit" })).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>("Summit").value).toBe("1");
  });

  it("is skipped when standalone meetups exist", async () => {
    mocked.listGatherings.mockResolvedValue([gathering({ summit_id: null, kind: "meetup", start_local: "2099-01-01T19:00", end_local: "2099-01-01T21:00" })]);
    render(App);
    expect(await screen.findByRole("navigation", { name: "Sections" })).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>("Summit").value).toBe("standalone"));
  });
});
