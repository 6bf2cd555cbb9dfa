/** Disputes: chargebacks and attendance reviews. admin/router.ts mounts ./router.ts. */
export { handleDisputeEvent } from "./dispute-service.ts";
export { disputeOpened } from "./events.ts";
