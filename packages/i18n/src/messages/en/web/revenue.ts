export const revenue = {
  upcomingPayouts: "Payouts on their way",
  noUpcomingPayouts: "No payout waiting.",
  toPayouts: "Ask for a payout",
  title: "Revenue",
  heading: "Your revenue",
  intro:
    "Your earnings after the platform fee, less refunds, by the month they were paid in ({timezone}).",
  sessionsDone: "Sessions completed: {count}",
  empty: "No earnings yet: they show here once a mentee pays for a session.",
  thisMonth: "This month",
  thisYear: "This year",
  pending: "Pending (not yet released)",
  available: "Available for payout",
  monthsCaption: "Earnings per month, last 12 months, {currency}",
  month: "Month",
  earnings: "Earnings",
  viewRevenue: "See your revenue",
};
