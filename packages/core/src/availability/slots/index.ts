export { computeSlots } from "./compute-slots.ts";
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
