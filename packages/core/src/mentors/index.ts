export { loadRevenuePostings } from "./dashboard/revenue.ts";
