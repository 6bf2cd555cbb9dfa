export { publicMentorWhere, sellableOptionWhere } from "./public-mentor.ts";
export { refreshSlotsQueue } from "./refresh-slots.queue.ts";
export { loadSellableOptions } from "./sellable-options.ts";
export {
  refreshMentorSlots,
  refreshMentorSlotsIn,
  refreshSlotsOfSession,
  refreshStaleSlots,
} from "./slot-summary.ts";
