import type { Slot } from "./types.ts";

/**
 * A slot as its two instants, with its Dates made when first read. A 90-day list of a mentor
 * open 16 hours a day is ~2,700 slots, and two Dates each were three quarters of computeSlots'
 * time (decision 072); the directory summary, holds, matching and the calendar's marks read only
 * the numbers. `toJSON` keeps the plain shape wherever a slot is serialized.
 */
export class InstantSlot implements Slot {
  readonly startMs: number;
  readonly endMs: number;
  readonly seatsLeft?: number;
  readonly sessionId?: string;
  #start: Date | undefined;
  #end: Date | undefined;

  constructor(startMs: number, endMs: number, seatsLeft?: number, sessionId?: string) {
    this.startMs = startMs;
    this.endMs = endMs;
    this.seatsLeft = seatsLeft;
    this.sessionId = sessionId;
  }

  get start(): Date {
    this.#start ??= new Date(this.startMs);
    return this.#start;
  }

  get end(): Date {
    this.#end ??= new Date(this.endMs);
    return this.#end;
  }

  toJSON() {
    return {
      start: this.start,
      end: this.end,
      ...(this.seatsLeft === undefined ? {} : { seatsLeft: this.seatsLeft }),
      ...(this.sessionId === undefined ? {} : { sessionId: this.sessionId }),
    };
  }
}
