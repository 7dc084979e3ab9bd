// Swag items as the swag screen lists and edits them.
import type { SwagItem } from "../bindings/commands";

/** What the swag item form's inputs hold. */
export interface SwagItemDraft {
  name: string;
  description: string;
  currency: string;
  unit_cost: string;
}

/** The item form's inputs, as the core names its fields. */
export const SWAG_ITEM_FIELDS = ["name", "description", "currency", "unit_cost"] as const;

/** The add-variant form's inputs. */
export const VARIANT_FIELDS = ["label", "sku"] as const;

/** "S, M, L" — what the filter searches for an item's variants. */
export function variantLabels(item: SwagItem): string {
  return item.variants.map((v) => (v.sku ? `${v.label} ${v.sku}` : v.label)).join(", ");
}
