/** Transactional emails. `{appName}` and `{name}` are filled in by core's email templates. */
export const email = {
  layout: {
    footer: "This is an automated message from {appName}. Replies are not read.",
  },
  greeting: "Hi {name},",
  greetingNoName: "Hi,",
  linkHint: "If the button does not work, copy and paste this link into your browser:",
  verifyEmail: {
    subject: "Confirm your email address for {appName}",
    intro:
      "Welcome to {appName}! Please confirm your email address to finish creating your account.",
    action: "Confirm my email address",
    ignore: "If you did not sign up for {appName}, you can ignore this email.",
  },
  signInLockout: {
    subject: "Failed sign-ins on your {appName} account",
    intro:
      "Someone tried several times to sign in to your {appName} account with a wrong password. To protect it, sign-in with a password is paused for {minutes} min.",
    action: "Sign in",
    ignore:
      "If it was you, wait and try again. If not, someone may be guessing your password: make sure it is long and used nowhere else.",
  },
  signUpExisting: {
    subject: "Someone tried to create a {appName} account with your address",
    intro:
      "Someone tried to create a new {appName} account with this email address, which already has an account. Nothing was changed.",
    action: "Sign in",
    ignore:
      "If it was you, sign in with your password, or reset it if you forgot it. If not, you can ignore this email.",
  },
  resetPassword: {
    subject: "Reset your {appName} password",
    intro: "We received a request to reset the password of your {appName} account.",
    action: "Choose a new password",
    ignore:
      "If you did not ask to reset your password, you can ignore this email: your password will not change.",
  },
  payoutEmail: {
    subject: "Confirm your PayPal address for {appName} payouts",
    intro:
      "Your {appName} payouts were set to go to this PayPal address. Please confirm it is yours: the link works for 24 hours.",
    action: "Confirm this address",
    ignore: "If you did not ask for this, ignore this email: nothing will be paid to this address.",
  },
  invitation: {
    subject: "{name} invites you to “{title}” on {appName}",
    intro: "{name} invites you to book “{title}” on {appName}.",
    privatePrice: "Your private price: {price}.",
    expires: "This invitation is valid until {date}.",
    action: "View the invitation",
    ignore: "If you were not expecting this invitation, you can ignore this email.",
  },
  booking: {
    when: "When: {time}",
    viewAction: "View the booking",
    calendarHint: "The attached invitation adds it to your calendar.",
    calendarCancelHint: "The attached file removes it from your calendar.",
    calendarSummary: "{title} with {name}",
    calendarGroupSummary: "{title} (group session, participants: {count})",
    calendarFeedName: "Mentora sessions",
    confirmed: {
      menteeSubject: "Booking confirmed: {title} with {name}",
      menteeIntro: "Your booking is confirmed: “{title}” with {name}.",
      mentorSubject: "New booking: {title} with {name}",
      mentorIntro: "{name} booked “{title}” with you.",
      invoiceAction: "Download your invoice",
    },
    cancelled: {
      subject: "Cancelled: {title} with {name}",
      byYou: "You cancelled “{title}” with {name}.",
      byCounterpart: "{name} cancelled “{title}”.",
      byAdmin: "The {appName} team cancelled “{title}” with {name}.",
      bySystem: "“{title}” with {name} was cancelled.",
      reason: "Reason given: {reason}",
      wasPlanned: "It was planned for {time}.",
    },
    rescheduled: {
      subject: "New time: {title} with {name}",
      intro: "“{title}” with {name} has moved to a new time.",
      previous: "Previously: {time}",
      next: "Now: {time}",
    },
    reminder: {
      subject24h: "Tomorrow: {title} with {name}",
      subject1h: "In 1 hour: {title} with {name}",
      intro24h: "A reminder: “{title}” with {name} starts in 24 hours.",
      intro1h: "A reminder: “{title}” with {name} starts in 1 hour.",
    },
  },
  accountDeleted: {
    subject: "Your {appName} account was deleted",
    intro:
      "As you asked, your {appName} account and the personal data in it were deleted. Your upcoming sessions were cancelled and refunded.",
    kept: "We keep your invoices and payment records for 10 years, as the law requires, under an anonymous identifier.",
    notYou: "If you did not ask for this, contact the {appName} team at once.",
  },
  dataExport: {
    subject: "Your {appName} data is ready to download",
    intro: "The copy of your {appName} data that you asked for is ready: one ZIP file.",
    action: "Download my data",
    expires: "The link works for you only, once signed in, until {date}.",
  },
  payoutMethodChanged: {
    subject: "Your {appName} payout method was changed",
    intro: "Your payout method was changed to {method}.",
    cancelled:
      "For your safety, {count} open payout request(s) were cancelled and the amount is back in your available earnings.",
    cooldown: "Payouts to the new method can be requested from {availableAt}.",
    notYou:
      "If you did not make this change, reset your password now and contact us: someone may be using your account.",
    action: "Review your payouts",
  },
  notifications: {
    subject: "{count} new notification(s) on {appName}",
    intro: "Here is what happened on {appName} that you have not seen yet:",
    more: "…and {count} more.",
    action: "Open my notifications",
    preferences: "You can choose what we e-mail you in your account, under Notifications.",
    // One line per kind: the bell, the notifications page and this e-mail say the same thing.
    lines: {
      BOOKING_CONFIRMED: "Booking confirmed: {title}, {when}",
      BOOKING_CANCELLED: "Booking cancelled: {title}, {when}",
      BOOKING_MOVED: "Session moved: {title}, now {when}",
      SESSION_STARTING: "{title} starts in 10 minutes ({when}): join the call",
      PAYMENT_SUCCEEDED: "Payment of {amount} succeeded",
      PAYMENT_FAILED: "Payment of {amount} failed",
      REFUND_ISSUED: "Refund of {amount} issued",
      INVOICE_READY: "Invoice {number} is ready",
      NEW_MESSAGE: "New message in a booking conversation",
      PAYOUT_APPROVED: "Payout of {amount} approved",
      PAYOUT_PAID: "Payout of {amount} paid",
      PAYOUT_FAILED: "Payout of {amount} failed: it is back in your requests",
      EARNINGS_RELEASED: "{amount} of earnings available for payout",
      APPLICATION_APPROVED: "Your mentor application was approved",
      APPLICATION_REJECTED: "Your mentor application was not approved",
      ADMIN_PAYOUT_REQUESTED: "Payout of {amount} waiting for approval",
      ADMIN_WEBHOOK_FAILED: "A {provider} webhook failed after every retry",
      ADMIN_DISPUTE_OPENED: "Dispute opened on a payment of {amount}",
      ADMIN_MODERATION: "Content waiting for moderation",
      MODERATION_APPROVED: "A moderator published your {what}",
      MODERATION_REJECTED: "A moderator did not accept your {what}",
      REVIEW_RECEIVED: "New {stars}-star review of {title}",
      REVIEW_ANSWERED: "Your mentor answered your review of {title}",
      REVIEW_REMINDER: "How was {title}? Rate your session",
    },
  },
  moderation: {
    category: {
      sexual: "sexual content",
      hate: "hateful content",
      harassment: "harassment",
      violence: "violence",
      "self-harm": "self-harm",
      profanity: "offensive language",
      solicitation: "solicitation (adult platforms, private content for pay)",
      "contact-details":
        "contact details (phone numbers, e-mail addresses, messaging handles) in a public text",
      spam: "spam",
    },
    withheldSubject: "Your {appName} {what} is not published",
    withheldIntro: "We checked your {what} and did not publish it, for this reason:",
    approvedSubject: "Your {appName} {what} is published",
    approvedIntro: "A moderator reviewed your {what} and published it.",
    rejectedSubject: "Your {appName} {what} was not accepted",
    rejectedIntro: "A moderator reviewed your {what} and did not accept it.",
    note: "The moderator's note: {note}",
    fix: "Change it on your account page; it is checked again as soon as you save.",
    action: "Open my account",
    what: {
      PROFILE_TEXT: "profile",
      AVATAR: "profile picture",
      MENTOR_APPLICATION: "mentor application",
      MESSAGE: "message",
    },
  },
  matches: {
    subject: "Mentors for you on {appName}",
    intro: "You told us what you are looking for: here are the mentors who match it best.",
    nextSlots: "Next free times: {slots}",
    noSlots: "No free time in the window you gave: open their page to see later ones.",
    none: "No mentor matches your request yet. Try again with fewer constraints.",
    action: "See my matches",
  },
  // s6-webhooks (issue #18)
  webhookEndpointDisabled: {
    subject: "Your {appName} webhook endpoint was turned off",
    intro:
      "Deliveries to your webhook endpoint {url} have been failing since {since}, so we turned it off. No more events are sent to it.",
    fix: "Fix the receiver, then turn the endpoint on again: failed deliveries can be replayed from its log.",
    action: "Open the endpoint",
  },
};
