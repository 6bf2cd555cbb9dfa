export {
  type DomainEvent,
  defineEvent,
  type EventDefinition,
  type EventOf,
  type NewEvent,
} from "./define.ts";
export { eventDeliverDeadQueue, eventDeliverQueue } from "./deliver.queue.ts";
export { eventIdOf, recordEvent, recordEvents } from "./record.ts";
export {
  createEventRouting,
  type EventRouting,
  inTransactionOf,
  onEvent,
  type Subscription,
} from "./routing.ts";
