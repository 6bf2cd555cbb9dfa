import { describe, expect, it } from "vitest";
import { MAX_GROUP_PARTICIPANTS, roomSettingsFor } from "./room-type.ts";

describe("roomSettingsFor", () => {
  it("gives a one-to-one session two participants in the configured room type", () => {
    expect(roomSettingsFor({ kind: "ONE_TO_ONE", capacity: 1, oneToOneRoomType: "go" })).toEqual({
      type: "go",
      maxParticipants: 2,
    });
    expect(
      roomSettingsFor({ kind: "ONE_TO_ONE", capacity: 1, oneToOneRoomType: "peer-to-peer" }),
    ).toEqual({ type: "peer-to-peer", maxParticipants: 2 });
  });

  it("gives a group session its learners plus the mentor, clamped to Twilio's 50", () => {
    const group = (capacity: number) =>
      roomSettingsFor({ kind: "GROUP", capacity, oneToOneRoomType: "go" });
    expect(group(8)).toEqual({ type: "group", maxParticipants: 9 });
    expect(group(49)).toEqual({ type: "group", maxParticipants: 50 });
    expect(group(120).maxParticipants).toBe(MAX_GROUP_PARTICIPANTS);
    expect(() => group(0)).toThrow(RangeError);
    expect(() => group(2.5)).toThrow(RangeError);
  });
});
