export { computeSlots } from "./compute-slots.ts";
export { localDateOf } from "./local-date.ts";
export { InstantSlot } from "./slot.ts";
export type {
  BusyInterval,
  DateOverride,
  GroupSession,
  IsoWeekday,
  Slot,
  SlotQuery,
  ViewerDay,
  WeeklyRule,
} from "./types.ts";
export { formatSlotTime, groupSlotsByViewerDay } from "./viewer-display.ts";
export { wallTimeToInstant } from "./wall-time.ts";
export { isKnownTimeZone } from "./zone-offsets.ts";
