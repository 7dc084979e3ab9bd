// Jumping to one record from elsewhere (the dashboard's "needs attention" list): a link
// `#/swag/shipment/5` opens the section, and the screen that shows shipments selects, scrolls to
// and highlights shipment 5, then takes the request so it happens once.
import type { RecordKind, RecordRef } from "../bindings/commands";
import type { SectionId } from "../sections";

const RECORD_KINDS: readonly RecordKind[] = ["shipment", "gathering", "speaker", "travel-request", "budget-line"];

/** The section that shows each kind of record. */
export const SECTION_OF: Readonly<Record<RecordKind, SectionId>> = {
  shipment: "swag",
  gathering: "socials",
  speaker: "speakers",
  "travel-request": "travel",
  "budget-line": "budget",
};

/** The link that opens a record's section with the record picked out: "#/swag/shipment/5". */
export function recordHref(record: RecordRef): string {
  return `#/${SECTION_OF[record.kind]}/${record.kind}/${String(record.id)}`;
}

/** The record a hash points at, if any: "#/swag/shipment/5" → shipment 5. */
export function recordFromHash(hash: string): RecordRef | null {
  const match = /^#\/?[\w-]+\/([\w-]+)\/(\d+)$/.exec(hash);
  if (!match) return null;
  const kind = RECORD_KINDS.find((k) => k === match[1]);
  const id = Number(match[2]);
  return kind && Number.isSafeInteger(id) ? { kind, id } : null;
}

class Jump {
  /** The record asked for and not yet shown. */
  pending: RecordRef | null = $state(null);

  request(record: RecordRef): void {
    this.pending = record;
  }

  /** The pending record if it is of `kind`, taken so no other screen shows it too. */
  take(kind: RecordKind): RecordRef | null {
    const record = this.pending;
    if (record?.kind !== kind) return null;
    this.pending = null;
    return record;
  }
}

export const jump = new Jump();
