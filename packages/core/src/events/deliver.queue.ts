import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

const deadLetter = "event.deliver.dead";

export const eventEnvelope = z.object({
  id: z.uuid(),
  type: z.string(),
  version: z.number().int(),
  occurredAt: z.iso.datetime(),
  data: z.unknown(),
});

/**
 * Delivers one recorded event to one "job" subscriber (recordEvent enqueues one per subscriber,
 * with an id made of the event id and the subscriber's name). Retried on its own; after the last
 * retry it lands in `event.deliver.dead`.
 */
export const eventDeliverQueue = defineQueue({
  name: "event.deliver",
  schema: z.object({ subscriber: z.string(), event: eventEnvelope }),
  queue: {
    retryLimit: 10,
    retryDelay: 15,
    retryBackoff: true,
    deadLetter,
  },
});

/** A delivery that exhausted its retries: alerts the admins. */
export const eventDeliverDeadQueue = defineQueue({
  name: deadLetter,
  schema: z.object({ subscriber: z.string(), event: eventEnvelope.partial() }).passthrough(),
  queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
});
