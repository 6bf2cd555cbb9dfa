import type { Prisma } from "@mentora/db";
import { withTraceContext } from "@mentora/telemetry";
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
  const recorded = envelopeOf(event);
  const { data } = recorded;
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

/** The stored form of a new event: its payload validated, its id derived. */
function envelopeOf(event: NewEvent): DomainEvent {
  const { definition } = event;
  const data = definition.schema.parse(event.data);
  return {
    id: eventIdOf(definition, data),
    type: definition.type,
    version: definition.version,
    occurredAt: event.occurredAt.toISOString(),
    data,
  };
}

/**
 * recordEvent for several events of one transaction, in three statements whatever their
 * number (decision 073: the group-committed invoice records): one INSERT of their rows, the
 * "transaction" subscribers of those new, then one pg-boss INSERT of every "job" subscriber's
 * `event.deliver` job (the same ids, data and queue policy as one `send` each). Returns the
 * events recorded now (a replay's are left out, as recordEvent's null).
 */
export async function recordEvents(
  services: AppServices,
  tx: Tx,
  events: readonly NewEvent[],
): Promise<DomainEvent[]> {
  if (events.length === 0) return [];
  const envelopes = events.map(envelopeOf);
  const inserted = await tx.domainEvent.createManyAndReturn({
    data: envelopes.map((recorded) => ({
      id: recorded.id,
      type: recorded.type,
      version: recorded.version,
      data: recorded.data as Prisma.InputJsonValue,
      occurredAt: new Date(recorded.occurredAt),
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  const fresh = new Set(inserted.map((row) => row.id));
  // One of each id: two equal events in one call are one fact, recorded once.
  const recorded = [...new Map(envelopes.map((event) => [event.id, event])).values()].filter(
    (event) => fresh.has(event.id),
  );
  const jobs: { id: string; data: object }[] = [];
  for (const event of recorded) {
    for (const subscription of services.events.subscribersOf(event.type)) {
      if (subscription.mode === "transaction") {
        await subscription.handle(event, services, tx);
        continue;
      }
      jobs.push({
        id: deterministicJobId(eventDeliverQueue.name, event.id, subscription.name),
        data: withTraceContext(
          eventDeliverQueue.schema.parse({ subscriber: subscription.name, event }) as object,
        ),
      });
    }
  }
  if (jobs.length > 0) {
    await services.boss.insert(eventDeliverQueue.name, jobs, { db: fromPrisma(tx) });
  }
  return recorded;
}
