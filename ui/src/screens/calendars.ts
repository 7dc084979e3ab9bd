// The plain logic behind the calendar dialogs (saving an .ics file, publishing to CalDAV): the
// audiences, what a calendar holds and what a publish did, as sentences. Unit-tested alone.
import type { CalendarAudience, CalendarOverview, EventKind, Feed, PublishReport } from "../bindings/commands";
import { formatCount } from "../lib/format";

/** A summit's calendars, each wider than the one before (see the core's ical/feeds.rs). */
export const CALENDAR_AUDIENCES: readonly CalendarAudience[] = ["public", "attendees", "speakers", "organisers"];

export const AUDIENCE_TEXT: Readonly<Record<CalendarAudience, { label: string; covers: string }>> = {
  public: { label: "Public", covers: "What anyone may see" },
  attendees: { label: "Attendees", covers: "The public gatherings and those for attendees" },
  speakers: { label: "Speakers", covers: "Adds the gatherings for speakers" },
  organisers: { label: "Organisers", covers: "Everything: invite-only gatherings, milestones and shipping deadlines too" },
};

const KIND_NAMES: Readonly<Record<EventKind, [string, string]>> = {
  session: ["session", "sessions"],
  social: ["social", "socials"],
  meetup: ["meetup", "meetups"],
  milestone: ["milestone", "milestones"],
  arrival: ["arrival", "arrivals"],
  departure: ["departure", "departures"],
  "shipping-deadline": ["shipping deadline", "shipping deadlines"],
};

export function summitFeed(summitId: number, audience: CalendarAudience): Feed {
  return { summit: { summit_id: summitId, audience } };
}

export function speakerFeed(speakerId: number): Feed {
  return { speaker: { speaker_id: speakerId } };
}

/** "1 event" or "12 events". */
export function eventsText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "event" : "events"}`;
}

/** "8 sessions, 3 socials, 1 arrival and 1 departure", or "nothing yet". */
export function kindsText(overview: CalendarOverview): string {
  const parts = overview.kinds.map(({ kind, count }) => `${formatCount(count)} ${KIND_NAMES[kind][count === 1 ? 0 : 1]}`);
  if (parts.length === 0) return "nothing yet";
  const last = parts.pop() ?? "";
  return parts.length === 0 ? last : `${parts.join(", ")} and ${last}`;
}

/** Why cancelled events are in, when there are some. */
export function cancelledText(overview: CalendarOverview): string | null {
  const n = overview.cancelled;
  if (n === 0) return null;
  return `${formatCount(n)} cancelled ${n === 1 ? "event stays" : "events stay"} in, marked cancelled, so calendars that subscribed cancel ${n === 1 ? "it" : "them"} too.`;
}

/** "76 created, 0 updated, 2 unchanged, 0 failed". */
export function reportCounts(report: PublishReport): string {
  return [
    `${formatCount(report.created)} created`,
    `${formatCount(report.updated)} updated`,
    `${formatCount(report.unchanged)} unchanged`,
    `${formatCount(report.failed.length)} failed`,
  ].join(", ");
}

/** How many of a report's failures are conflicts with the server's copy. */
export function conflicts(report: PublishReport): number {
  return report.failed.reduce((n, f) => n + (f.conflict ? 1 : 0), 0);
}
