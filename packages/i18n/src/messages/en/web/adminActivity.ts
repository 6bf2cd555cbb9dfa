export const adminActivity = {
  title: "Platform activity",
  heading: "Platform activity",
  decisionsHeading: "Waiting for a decision",
  noDecisions: "Nothing waits for a decision.",
  payoutsAwaitingApproval: "Payouts waiting for approval",
  failedWebhooks: "Failed webhooks",
  openDisputes: "Open disputes",
  attendanceReviews: "Sessions waiting for an attendance review",
  oldest: "oldest since {date}",
  open: "Open",
  feedHeading: "Everything else, newest first",
  intro: "Times are shown in {timeZone}.",
};
