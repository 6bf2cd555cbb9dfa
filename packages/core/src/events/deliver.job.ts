import { z } from "zod";
import { defineJob } from "../jobs/define.ts";
import { alertAdmins } from "../telemetry/admin-alert.ts";

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
export const eventDeliverJob = defineJob({
  name: "event.deliver",
  schema: z.object({ subscriber: z.string(), event: eventEnvelope }),
  queue: {
    retryLimit: 10,
    retryDelay: 15,
    retryBackoff: true,
    deadLetter,
  },
  async handle({ subscriber, event }, services) {
    const subscription = services.events.subscriber(subscriber);
    // A subscriber removed from the composition while its deliveries were queued: nothing to do.
    if (subscription?.mode !== "job") {
      services.logger.warn({ subscriber, eventId: event.id }, "event subscriber not found");
      return;
    }
    const definition = subscription.event;
    if (event.type !== definition.type || event.version !== definition.version) {
      throw new Error(
        `${subscriber} handles ${definition.type} v${definition.version}, got ${event.type} v${event.version}`,
      );
    }
    const data = definition.schema.parse(event.data);
    await subscription.handle({ ...event, data }, services);
  },
});

/**
 * A delivery that exhausted its retries: that subscriber's reaction (a refund, a release…) did
 * not happen and nobody would know. Mailed to every admin at once; the other subscribers of the
 * event are not affected.
 */
export const eventDeliverDeadJob = defineJob({
  name: deadLetter,
  schema: z.object({ subscriber: z.string(), event: eventEnvelope.partial() }).passthrough(),
  queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
  async handle({ subscriber, event }, services) {
    await alertAdmins(services, {
      subject: `Event delivery failed: ${subscriber}`,
      text: `Subscriber ${subscriber} could not handle event ${event.type ?? "?"} ${event.id ?? "?"} after every retry. Its reaction has not happened; fix the cause and retry the job from /admin/jobs.`,
    });
  },
});
