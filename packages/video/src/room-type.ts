import type { VideoRoomType } from "./provider.ts";

/** Twilio's ceiling for a group room's concurrent participants (its REST API refuses more). */
export const MAX_GROUP_PARTICIPANTS = 50;

export interface RoomSettingsInput {
  kind: "ONE_TO_ONE" | "GROUP";
  /** Learners a group session accepts (the mentor is not counted). */
  capacity: number;
  /** Room type for one-to-one sessions: `go` is cheapest, `peer-to-peer` has no media server. */
  oneToOneRoomType: "go" | "peer-to-peer";
}

/**
 * The room a session needs. One-to-one: the learner and the mentor. Group: every learner plus
 * the mentor, clamped to Twilio's 50, so a group session with more than 49 learners cannot have
 * all of them connected at once — core should cap capacity at 49 to avoid that.
 */
export function roomSettingsFor(input: RoomSettingsInput): {
  type: VideoRoomType;
  maxParticipants: number;
} {
  if (input.kind === "ONE_TO_ONE") return { type: input.oneToOneRoomType, maxParticipants: 2 };
  if (!Number.isInteger(input.capacity) || input.capacity < 1) {
    throw new RangeError(
      `A group session's capacity must be a positive integer, got ${input.capacity}`,
    );
  }
  return { type: "group", maxParticipants: Math.min(input.capacity + 1, MAX_GROUP_PARTICIPANTS) };
}
