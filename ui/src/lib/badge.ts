// Status words and the colour each is shown in. Colour is never the only signal: the badge
// always shows the word.

export type Tone = "neutral" | "info" | "success" | "warning" | "danger" | "accent";

const TONES: Readonly<Record<string, Tone>> = {
  // gatherings
  tentative: "warning",
  confirmed: "success",
  cancelled: "danger",
  // shipments
  draft: "neutral",
  packed: "info",
  shipped: "info",
  in_transit: "info",
  delivered: "success",
  lost: "danger",
  returned: "warning",
  // travel requests
  submitted: "info",
  under_review: "info",
  approved: "success",
  waitlisted: "warning",
  denied: "danger",
  offer_accepted: "success",
  accepted: "success",
  offer_declined: "neutral",
  declined: "neutral",
  expired: "neutral",
  booked: "accent",
  reimbursed: "success",
  partially_reimbursed: "warning",
  withdrawn: "neutral",
  // budget
  planned: "neutral",
  committed: "info",
  spent: "accent",
  over_budget: "danger",
  // checks
  ok: "success",
  warning: "warning",
  error: "danger",
};

/** "In transit", "in-transit" and "IN_TRANSIT" are all "in_transit". */
export function statusKey(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** The tone a status word shows in; unknown words are neutral. */
export function toneOf(word: string): Tone {
  return TONES[statusKey(word)] ?? "neutral";
}

/** A status word as text: "in_transit" → "In transit". */
export function statusLabel(word: string): string {
  const text = statusKey(word).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
