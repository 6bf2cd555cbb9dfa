export const calendarFeed = {
  heading: "Calendar subscription",
  intro:
    "Subscribe to your sessions from Google Calendar, Apple Calendar or Outlook: bookings, changes and cancellations appear there by themselves. The address is private: anyone who has it sees your sessions.",
  activeSince:
    "Your subscription address has been active since {date}. For your security we show it only once: create a new one if you need it again (the current one stops working).",
  none: "You have no subscription address yet.",
  create: "Create my subscription address",
  regenerate: "Create a new address",
  revoke: "Turn the subscription off",
  revoked: "The subscription is off: its address no longer works.",
  newUrl: "Your new subscription address",
  newUrlHint: "Copy it now: it is shown only this once. The previous address no longer works.",
  copy: "Copy",
  copied: "Copied.",
  addGoogle: "Add to Google Calendar",
  addApple: "Add to Apple Calendar",
};
