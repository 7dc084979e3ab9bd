import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Summit } from "./api";

const summits: Summit[] = [
  {
    id: 1,
    name: "RustFest Zürich",
    slug: "rustfest-zurich",
    city: "Zürich",
    venue: "Volkshaus",
    tz: "Europe/Zurich",
    start_date: "2025-06-12",
    end_date: "2025-06-14",
    currency: "CHF",
    budget: { minor: 25_000_000, currency: "CHF" },
  },
  {
    id: 2,
    name: "<script>alert(1)</script>",
    slug: "odd",
    city: null,
    venue: null,
    tz: "UTC",
    start_date: "2025-09-01",
    end_date: "2025-09-01",
    currency: "JPY",
    budget: null,
  },
];

vi.mock("./api", () => ({
  listSummits: vi.fn(() => Promise.resolve(summits)),
  databasePath: vi.fn(() => Promise.resolve("/home/ada/.local/share/roadie/roadie.db")),
}));

const { default: App } = await import("./App.svelte");

beforeEach(() => {
  history.replaceState(null, "", "#/dashboard");
});

describe("App", () => {
  it("shows the sections, the summits and the database path", async () => {
    render(App);
    const nav = screen.getByRole("navigation", { name: "Sections" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent.trim())).toEqual([
      "Dashboard",
      "Timeline",
      "Socials & meetups",
      "Speakers",
      "Travel",
      "Swag & shipments",
      "Budget",
    ]);
    expect(await screen.findByText("/home/ada/.local/share/roadie/roadie.db")).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(3));
    // user text stays text
    expect(screen.getAllByText("<script>alert(1)</script>").length).toBeGreaterThan(0);
    expect(document.querySelector("script")).toBeNull();
    const switcher = screen.getByLabelText("Summit");
    expect((switcher as HTMLSelectElement).selectedOptions[0]?.textContent).toBe("RustFest Zürich");
  });

  it("switches sections by click and by Mod+digit", async () => {
    render(App);
    await fireEvent.click(screen.getByRole("link", { name: /Travel/ }));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Travel");
    expect(location.hash).toBe("#/travel");
    await fireEvent.keyDown(window, { key: "7", code: "Digit7", ctrlKey: true });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Budget");
    expect(screen.getByRole("link", { name: /Budget/ }).getAttribute("aria-current")).toBe("page");
  });
});
