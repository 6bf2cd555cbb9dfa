export { availabilityChanged } from "./events.ts";
export {
  type BookableOption,
  liveBookingStatuses,
  loadBookableOption,
  offeredSlotCalendar,
  offeredSlots,
  readSlotCalendarSources,
  type SlotCalendarRead,
  slotCalendarOf,
  unbookableReason,
} from "./offered-slots.ts";
export { groupSlotsByViewerDay, type Slot } from "./slots/index.ts";
