export { adminMentorsRouter } from "./admin/router.ts";
export { loadRevenuePostings } from "./dashboard/revenue.ts";
