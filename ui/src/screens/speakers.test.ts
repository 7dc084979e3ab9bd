import { describe, expect, it } from "vitest";
import type { Speaker } from "../bindings/commands";
import { countryName, draftFromSpeaker, emptySpeakerDraft, speakersShown, toSpeakerData } from "./speakers";

const ada: Speaker = {
  id: 1,
  talk_ids: [4, 9],
  name: "Ada Lovelace",
  email: null,
  organisation: "Analytical Engines",
  home_city: "London",
  country: "GB",
  first_time: true,
};

describe("speakers", () => {
  it("sends blank fields as null and round-trips a stored speaker", () => {
    expect(toSpeakerData({ ...emptySpeakerDraft(), name: "Grace", country: " " })).toEqual({
      name: "Grace",
      email: null,
      organisation: null,
      home_city: null,
      country: null,
      first_time: false,
    });
    expect(toSpeakerData(draftFromSpeaker(ada))).toEqual({
      name: "Ada Lovelace",
      email: null,
      organisation: "Analytical Engines",
      home_city: "London",
      country: "GB",
      first_time: true,
    });
  });

  it("names countries and leaves unknown codes as they are", () => {
    expect(countryName("de")).toMatch(/Germany|Deutschland/);
    expect(countryName(null)).toBe("");
    expect(countryName("??")).toBe("??");
  });

  it("keeps everyone, or only those speaking here", () => {
    const bob = { ...ada, id: 2, name: "Bob" };
    expect(speakersShown([ada, bob], new Set([2]), false)).toEqual([ada, bob]);
    expect(speakersShown([ada, bob], new Set([2]), true)).toEqual([bob]);
  });
});
