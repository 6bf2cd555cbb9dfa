import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { enqueue } from "../jobs/define.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import type { DomainEvent, EventDefinition, NewEvent } from "./define.ts";
import { eventDeliverQueue } from "./deliver.queue.ts";

type Tx = Prisma.TransactionClient;

/** The event id: a name-based UUID of its type, version and key (the same fact, the same id). */
export function eventIdOf(definition: EventDefinition, data: unknown): string {
  return deterministicJobId(
    "event",
    definition.type,
    definition.version,
    ...definition.key(definition.schema.parse(data)),
  );
}

/**
 * Records a domain event IN the caller's transaction (the one making the change it reports):
 * validates its payload, writes its `domain_event` row, runs the "transaction" subscribers
 * there and enqueues one `event.deliver` job per "job" subscriber with `fromPrisma(tx)`. A
 * rollback leaves no row and no job. An event recorded already (same id: a replay) changes
 * nothing and returns null.
 */
export async function recordEvent(
  services: AppServices,
  tx: Tx,
  event: NewEvent,
): Promise<DomainEvent | null> {
  const { definition } = event;
  const data = definition.schema.parse(event.data);
  const recorded: DomainEvent = {
    id: eventIdOf(definition, data),
    type: definition.type,
    version: definition.version,
    occurredAt: event.occurredAt.toISOString(),
    data,
  };
  const inserted = await tx.domainEvent.createMany({
    data: {
      id: recorded.id,
      type: recorded.type,
      version: recorded.version,
      data: data as Prisma.InputJsonValue,
      occurredAt: event.occurredAt,
    },
    skipDuplicates: true,
  });
  if (inserted.count === 0) return null;
  for (const subscription of services.events.subscribersOf(recorded.type)) {
    if (subscription.mode === "transaction") {
      await subscription.handle(recorded, services, tx);
      continue;
    }
    await enqueue(
      services.boss,
      eventDeliverQueue,
      { subscriber: subscription.name, event: recorded },
      {
        db: fromPrisma(tx),
        id: deterministicJobId(eventDeliverQueue.name, recorded.id, subscription.name),
      },
    );
  }
  return recorded;
}
