// The plain logic behind the Speakers screen: the form's draft, what the core is sent, and the
// texts the list shows.
import type { Speaker, SpeakerData } from "../bindings/commands";
import { orNull } from "../lib/formValues";

/** What the speaker form's inputs hold. */
export interface SpeakerDraft {
  name: string;
  email: string;
  organisation: string;
  home_city: string;
  country: string;
  first_time: boolean;
}

/** The inputs of the speaker form, named as the SpeakerData keys the core's errors name. */
export const SPEAKER_FIELDS: readonly (keyof SpeakerData)[] = [
  "name",
  "email",
  "organisation",
  "home_city",
  "country",
  "first_time",
];

export function emptySpeakerDraft(): SpeakerDraft {
  return { name: "", email: "", organisation: "", home_city: "", country: "", first_time: false };
}

export function draftFromSpeaker(s: Speaker): SpeakerDraft {
  return {
    name: s.name,
    email: s.email ?? "",
    organisation: s.organisation ?? "",
    home_city: s.home_city ?? "",
    country: s.country ?? "",
    first_time: s.first_time ?? false,
  };
}


/** What the core is sent: blank optional text as null. */
export function toSpeakerData(draft: SpeakerDraft): SpeakerData {
  return {
    name: draft.name,
    email: orNull(draft.email),
    organisation: orNull(draft.organisation),
    home_city: orNull(draft.home_city),
    country: orNull(draft.country),
    first_time: draft.first_time,
  };
}

let regionNames: Intl.DisplayNames | null | undefined;
const countryNames = new Map<string, string>();

/** "DE" → "Germany" in the user's language; the code itself when it names no region. */
export function countryName(code: string | null): string {
  if (code === null || code === "") return "";
  const upper = code.toUpperCase();
  let name = countryNames.get(upper);
  if (name === undefined) {
    if (regionNames === undefined) {
      try {
        regionNames = new Intl.DisplayNames(undefined, { type: "region" });
      } catch {
        regionNames = null;
      }
    }
    try {
      name = regionNames?.of(upper) ?? upper;
    } catch {
      name = upper; // not a well-formed region code
    }
    countryNames.set(upper, name);
  }
  return name;
}

/** The speakers a summit filter keeps: those in `here` when `onlyHere`, else all. */
export function speakersShown(all: readonly Speaker[], here: ReadonlySet<number>, onlyHere: boolean): readonly Speaker[] {
  return onlyHere ? all.filter((s) => here.has(s.id)) : all;
}
