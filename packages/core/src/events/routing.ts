import type { Prisma } from "@mentora/db";
import type { DomainEvent, EventDefinition, EventOf } from "./define.ts";

type Tx = Prisma.TransactionClient;

/**
 * Who reacts to an event, and how:
 * - "job": later, in its own `event.deliver` job (one per subscriber), retried on its own; a
 *   failure affects no other subscriber and never the change that recorded the event.
 * - "transaction": inside the recording transaction, so it commits or rolls back with the cause.
 *   Only for reactions that must be atomic with it (confirming the booking a payment paid) or
 *   that only plan jobs of their own (e-mails, reminders, video rooms, invoices): those jobs are
 *   themselves the independently retried units, a second hop would add nothing but latency.
 */
export type Subscription<Services> =
  | {
      name: string;
      event: EventDefinition;
      mode: "job";
      handle(event: DomainEvent, services: Services): Promise<void>;
    }
  | {
      name: string;
      event: EventDefinition;
      mode: "transaction";
      handle(event: DomainEvent, services: Services, tx: Tx): Promise<void>;
    };

/** A subscriber to one kind of event, run later in its own job. Must be idempotent. */
export function onEvent<Definition extends EventDefinition, Services>(
  event: Definition,
  name: string,
  handle: (event: EventOf<Definition>, services: Services) => Promise<void>,
): Subscription<Services> {
  return { name, event, mode: "job", handle };
}

/** A subscriber run inside the recording transaction (see Subscription). Must be idempotent. */
export function inTransactionOf<Definition extends EventDefinition, Services>(
  event: Definition,
  name: string,
  handle: (event: EventOf<Definition>, services: Services, tx: Tx) => Promise<void>,
): Subscription<Services> {
  return { name, event, mode: "transaction", handle };
}

/** The subscription list, indexed: what `recordEvent` and the `event.deliver` job consult. */
export interface EventRouting<Services> {
  subscribersOf(type: string): readonly Subscription<Services>[];
  subscriber(name: string): Subscription<Services> | undefined;
}

export function createEventRouting<Services>(
  subscriptions: readonly Subscription<Services>[],
): EventRouting<Services> {
  const byName = new Map<string, Subscription<Services>>();
  const byType = new Map<string, Subscription<Services>[]>();
  for (const subscription of subscriptions) {
    // The name is in the delivery job's id: two subscribers with one name would deliver once.
    if (byName.has(subscription.name)) {
      throw new Error(`duplicate event subscriber name: ${subscription.name}`);
    }
    byName.set(subscription.name, subscription);
    const list = byType.get(subscription.event.type) ?? [];
    list.push(subscription);
    byType.set(subscription.event.type, list);
  }
  return {
    subscribersOf: (type) => byType.get(type) ?? [],
    subscriber: (name) => byName.get(name),
  };
}
