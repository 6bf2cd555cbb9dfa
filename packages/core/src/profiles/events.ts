import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/**
 * A person edited their profile. Names the fields that were sent, never their values (the event
 * table keeps ids only: decision 017); a subscriber reads the profile it needs. Each edit is its
 * own fact (`changeId`).
 */
export const profileChanged = defineEvent({
  type: "profile.changed",
  version: 1,
  schema: z.object({ userId: z.string(), changeId: z.uuid(), fields: z.array(z.string()) }),
  key: (data) => [data.changeId],
});
