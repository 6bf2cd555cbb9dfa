import type { z } from "zod";

/**
 * A kind of domain event: a fact, named in the past tense (`booking.confirmed`), with a versioned
 * payload schema. Declared next to the domain that records it (`bookings/events.ts`).
 */
export interface EventDefinition<
  Type extends string = string,
  Schema extends z.ZodType = z.ZodType,
> {
  type: Type;
  /** Bumped when the payload changes incompatibly; a subscriber handles the version it was written for. */
  version: number;
  schema: Schema;
  /**
   * What makes this fact unique (the booking, the payment, the payout attempt…): the event id
   * derives from it, so recording the same fact twice records and delivers it once.
   */
  key(data: z.output<Schema>): (string | number)[];
}

/** A recorded event as subscribers receive it (and as the `event.deliver` job carries it). */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  version: number;
  /** ISO 8601. */
  occurredAt: string;
  data: Data;
}

export type EventOf<Definition> =
  Definition extends EventDefinition<infer Type, infer Schema>
    ? DomainEvent<Type, z.output<Schema>>
    : never;

/** An event about to be recorded: what `recordEvent` takes. */
export interface NewEvent<Definition extends EventDefinition = EventDefinition> {
  definition: Definition;
  data: z.input<Definition["schema"]>;
  occurredAt: Date;
}

export function defineEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> & {
  /** This event with its payload, ready for `recordEvent`. */
  of(data: z.input<Schema>, occurredAt?: Date): NewEvent<EventDefinition<Type, Schema>>;
} {
  return {
    ...definition,
    of: (data, occurredAt = new Date()) => ({ definition, data, occurredAt }),
  };
}
