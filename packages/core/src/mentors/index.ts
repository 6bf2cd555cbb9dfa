export { mentorsConfig } from "./config.ts";
export { loadRevenuePostings } from "./dashboard/revenue.ts";
