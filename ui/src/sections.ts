// The app's screens, in sidebar order. Mod+1 … Mod+7 open them.
import type { IconName } from "./lib/Icon.svelte";

export type SectionId = "dashboard" | "timeline" | "socials" | "speakers" | "travel" | "swag" | "budget";

export interface Section {
  id: SectionId;
  label: string;
  group: string;
  icon: IconName;
  /** One line on what the screen is for. */
  summary: string;
  /** The line for the standalone-meetups context, where it differs. */
  standalone?: string;
}

export const SECTIONS: readonly Section[] = [
  { id: "dashboard", label: "Dashboard", group: "Overview", icon: "dashboard", summary: "The summit at a glance: what is next, what needs a decision, what is over budget.", standalone: "The meetups coming up that belong to no summit." },
  { id: "timeline", label: "Timeline", group: "Overview", icon: "timeline", summary: "Sessions, socials, meetups and milestones on one schedule in the venue's time zone.", standalone: "Standalone meetups by day, each in its venue's time zone." },
  { id: "socials", label: "Socials & meetups", group: "Events", icon: "socials", summary: "Parties, dinners and contributor meetups: venues, capacity, audience and status." },
  { id: "speakers", label: "Speakers", group: "People", icon: "speakers", summary: "Who speaks, where they come from and which sessions are theirs." },
  { id: "travel", label: "Travel", group: "People", icon: "travel", summary: "Travel funding requests: review, approve within the caps and the pool, track bookings and reimbursements." },
  { id: "swag", label: "Swag & shipments", group: "Logistics", icon: "swag", summary: "Stock, allocations and parcels that must arrive before doors open." },
  { id: "budget", label: "Budget", group: "Money", icon: "budget", summary: "Planned, committed and spent per category, in the summit's currency." },
];

/** Sections grouped under their headings, in order. */
export function groupedSections(): { group: string; sections: Section[] }[] {
  const groups: { group: string; sections: Section[] }[] = [];
  for (const section of SECTIONS) {
    const last = groups.at(-1);
    if (last?.group === section.group) last.sections.push(section);
    else groups.push({ group: section.group, sections: [section] });
  }
  return groups;
}

export function isSectionId(value: string): value is SectionId {
  return SECTIONS.some((section) => section.id === value);
}
