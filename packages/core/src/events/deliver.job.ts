import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { alertAdmins } from "../telemetry/index.ts";
import { eventDeliverDeadQueue, eventDeliverQueue } from "./deliver.queue.ts";

export const eventDeliverJob = defineHandler(
  eventDeliverQueue,
  async ({ subscriber, event }, services: AppServices) => {
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
);

/**
 * A delivery that exhausted its retries: that subscriber's reaction (a refund, a release…) did
 * not happen and nobody would know. Mailed to every admin at once; the other subscribers of the
 * event are not affected.
 */
export const eventDeliverDeadJob = defineHandler(
  eventDeliverDeadQueue,
  async ({ subscriber, event }, services: AppServices) => {
    await alertAdmins(services, {
      subject: `Event delivery failed: ${subscriber}`,
      text: `Subscriber ${subscriber} could not handle event ${event.type ?? "?"} ${event.id ?? "?"} after every retry. Its reaction has not happened; fix the cause and retry the job from /admin/jobs.`,
    });
  },
);
