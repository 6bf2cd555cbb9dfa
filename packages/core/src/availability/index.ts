export {
  type BookableOption,
  loadBookableOption,
  offeredSlots,
  unbookableReason,
} from "./offered-slots.ts";
export { availabilityRulesRouter } from "./rules/router.ts";
export { groupSlotsByViewerDay } from "./slots/index.ts";
