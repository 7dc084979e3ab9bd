// Swag stock as the Stock tab shows and records it: the movements a person records by hand (what
// shipments record themselves is left out), the form's text to and from the core's
// StockMovementData, and one summit's figures per variant.
import type { EventStock, StockMovementData, StockMovementKind, VariantStock } from "../bindings/commands";
import { orNull } from "../lib/formValues";

export interface MovementChoice {
  kind: StockMovementKind;
  label: string;
  /** One line on what it does. */
  hint: string;
  /** Whether it goes with a summit or meetup: always, never, or either way. */
  target: "required" | "none" | "optional";
}

/** The movements recorded by hand; "shipped" is recorded by marking a shipment shipped. */
export const MOVEMENT_CHOICES: readonly MovementChoice[] = [
  { kind: "received", label: "Receive", hint: "New stock in the warehouse.", target: "none" },
  { kind: "allocated", label: "Allocate", hint: "Set warehouse stock aside for the summit or one of its events.", target: "required" },
  { kind: "released", label: "Release", hint: "Give stock set aside back to the free stock.", target: "required" },
  { kind: "given-away", label: "Give away", hint: "Handed out at an event (from what was sent there), or with none straight from the warehouse.", target: "optional" },
  { kind: "returned", label: "Return leftovers", hint: "What comes back to the warehouse after an event.", target: "required" },
];

export function movementChoice(kind: StockMovementKind): MovementChoice {
  return MOVEMENT_CHOICES.find((c) => c.kind === kind) ?? { kind, label: kind, hint: "", target: "optional" };
}

/** What the movement form's inputs hold. */
export interface MovementDraft {
  kind: StockMovementKind;
  /** The variant's id as the select holds it; "" for none chosen. */
  variant: string;
  quantity: number | null;
  /** "" for none, "summit:ID" or "gathering:ID". */
  target: string;
  note: string;
}

/** The form's inputs, as the core names its fields. */
export const MOVEMENT_FIELDS = ["kind", "variant", "quantity", "target", "note"] as const;

/** The draft as the core's StockMovementData; an unchosen variant is 0, which the core refuses. */
export function movementData(draft: MovementDraft): StockMovementData {
  const [kind, id] = draft.target.split(":");
  const targetId = id === undefined ? null : Number(id);
  return {
    variant_id: draft.variant === "" ? 0 : Number(draft.variant),
    kind: draft.kind,
    quantity: draft.quantity ?? Number.NaN,
    summit_id: kind === "summit" ? targetId : null,
    gathering_id: kind === "gathering" ? targetId : null,
    note: orNull(draft.note),
  };
}

/** One variant's figures for a summit and its events together. */
export interface HereTotals {
  allocated: number;
  shipped: number;
  given_away: number;
  returned: number;
  out: number;
}

/** A summit's figures (`event_stock`) summed per variant over the summit and its events. */
export function totalsHere(rows: readonly EventStock[]): Map<number, HereTotals> {
  const totals = new Map<number, HereTotals>();
  for (const row of rows) {
    const t = totals.get(row.variant_id) ?? { allocated: 0, shipped: 0, given_away: 0, returned: 0, out: 0 };
    t.allocated += row.allocated;
    t.shipped += row.shipped;
    t.given_away += row.given_away;
    t.returned += row.returned;
    t.out += row.out;
    totals.set(row.variant_id, t);
  }
  return totals;
}

/** "Summit t-shirt M". */
export function stockName(stock: Pick<VariantStock, "item_name" | "label">): string {
  return `${stock.item_name} ${stock.label}`;
}
