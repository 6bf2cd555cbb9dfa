export { mentorsConfig } from "./config.ts";
export { mentorApplicationDecided } from "./events.ts";
export { loadRevenuePostings } from "./dashboard/revenue.ts";
