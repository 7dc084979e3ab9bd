import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { shipment } from "../testdata";
import ShipmentBoard from "./ShipmentBoard.svelte";

const shipments = Array.from({ length: 120 }, (_, i) => shipment(i + 1, {}));

function props(highlighted: number | null) {
  return {
    shipments,
    places: { summits: new Map(), gatherings: new Map() },
    index: new Map(),
    here: 7,
    findings: new Map(),
    highlighted,
    busy: null,
    onopen: vi.fn(),
    onstatus: vi.fn(),
  };
}

const cards = () => document.querySelectorAll('[data-column="draft"] [data-shipment-id]');

describe("the shipment board", () => {
  it("shows a column's first 50 cards and 50 more on request, with its full count", async () => {
    render(ShipmentBoard, { props: props(null) });
    expect(cards()).toHaveLength(50);
    expect(document.querySelector('[data-column="draft"] .column-count')?.textContent).toBe("120");
    expect(screen.getByText("70 not shown; the list shows every one")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Show 50 more" }));
    expect(cards()).toHaveLength(100);
    await fireEvent.click(screen.getByRole("button", { name: "Show 20 more" }));
    expect(cards()).toHaveLength(120);
    expect(screen.queryByRole("button", { name: /Show .* more/ })).toBeNull();
  });

  it("shows a highlighted card even beyond the first page", () => {
    render(ShipmentBoard, { props: props(110) });
    expect(cards()).toHaveLength(110);
    expect(document.querySelector('[data-shipment-id="110"]')).not.toBeNull();
  });
});
