/**
 * Activity feeds (issue #15, decision 037): each person's feed and the admins' platform feed,
 * projected from the domain events into `activity_entry`.
 */
export { backfillActivity } from "./backfill.ts";
export { type AdminDecisions, readAdminDecisions } from "./decisions.ts";
export { type ActivityItem, type FeedOwner, readActivityFeed } from "./feed.ts";
export { activityFeed } from "./feed-events.ts";
export {
  type ActivityMapping,
  type Audience,
  bookingPeople,
  feed,
  invoiceOwner,
  mentorOf,
  nobody,
  payerOf,
  type Recipient,
  sessionPeople,
} from "./mapping.ts";
export { activityEntryId, projectActivity, writeActivityEntries } from "./project.ts";
