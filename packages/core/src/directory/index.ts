export { publicMentorWhere, sellableOptionWhere } from "./public-mentor.ts";
export { loadSellableOptions } from "./sellable-options.ts";
