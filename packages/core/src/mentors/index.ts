export { mentorsConfig } from "./config.ts";
export { loadRevenuePostings } from "./dashboard/revenue.ts";
export { mentorApplicationDecided } from "./events.ts";
