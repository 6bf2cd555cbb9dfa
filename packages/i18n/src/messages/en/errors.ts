/** One message per stable error code the server can return (see core's AppErrorCode). */
export const errors = {
  BAD_REQUEST: "Some of the information sent is not valid.",
  UNAUTHORIZED: "Please sign in to continue.",
  FORBIDDEN: "You are not allowed to do this.",
  NOT_FOUND: "We could not find what you were looking for.",
  CONFLICT: "This conflicts with something that already exists.",
  TOO_MANY_REQUESTS: "Too many attempts. Please wait a moment and try again.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Please try again.",
  VALIDATION_FAILED: "Please correct the highlighted fields.",
  PROFILE_INCOMPLETE:
    "Complete your profile first: a headline, a bio, at least one skill, your languages and timezone.",
  ALREADY_APPLIED: "You have already applied to become a mentor.",
  SLOT_TAKEN: "Sorry, this time was just booked by someone else. Please pick another slot.",
  SLOT_UNAVAILABLE: "This time is not available for booking any more. Please pick another slot.",
  SESSION_FULL: "This group session is full.",
  ALREADY_BOOKED: "You already have a place in this session.",
  OFFERING_UNAVAILABLE: "This offering is no longer available.",
  MENTOR_NOT_ACCEPTING: "This mentor is not taking bookings at the moment.",
  HOLD_EXPIRED: "Your hold on this slot has expired. Please book again.",
  BOOKING_NOT_CANCELLABLE: "This booking can no longer be changed.",
  CANCELLATION_WINDOW_PASSED:
    "It is too late to cancel this booking under the cancellation policy.",
  INVITATION_INVALID: "This invitation is not valid or has expired.",
  INVITATION_USED: "You have already used this invitation.",
  INVITATION_WRONG_DURATION:
    "This invitation is for a {durationMinutes}-minute session: choose that duration to use it.",
  HOLD_LIMIT_REACHED:
    "You already have {maxOpenHolds} bookings waiting for payment. Pay for one or let it go before holding another slot.",
  FREE_BOOKING_LIMIT_REACHED:
    "You already have {maxFreeBookingsPerWeek} free sessions with this mentor that week. Please pick another week.",
  INSUFFICIENT_BALANCE: "Your wallet balance is too low for this payment.",
  BOOKING_CANCELLED: "This session was cancelled: it can no longer be paid.",
  BOOKING_NOT_PAYABLE: "This booking has nothing left to pay.",
  PAYMENT_REFUSED: "The payment provider refused this payment. Try again or use another method.",
  GATEWAY_UNAVAILABLE:
    "The payment provider is not answering. Nothing was charged twice: try again in a moment.",
  CURRENCY_NOT_SUPPORTED: "This currency cannot be paid here.",
  REFUND_NOT_POSSIBLE:
    "This payment cannot be refunded (nothing left to refund, or it never succeeded).",
  WEBHOOK_NOT_REPLAYABLE: "This event was already processed.",
  VIDEO_NOT_OPEN_YET: "The call is not open yet: it opens a few minutes before the start.",
  VIDEO_SESSION_ENDED: "This session has ended: its call is closed.",
  PAYOUT_METHOD_MISSING: "Set up a payout method before asking for a payout.",
  PAYOUT_METHOD_UNAVAILABLE: "This payout method cannot be used here at the moment.",
  PAYOUT_BELOW_MINIMUM: "This amount is below the smallest payout allowed.",
  PAYOUT_EXCEEDS_AVAILABLE: "This amount is more than your available earnings.",
  PAYOUT_STATUS_CONFLICT: "This payout has already moved on: refresh to see where it is.",
  PAYOUT_METHOD_COOLDOWN:
    "Your payout method was changed recently. For your security, you can ask for a payout to it from {availableAt}.",
  AVATAR_TOO_LARGE: "This image is too large. Please choose one under 5 MB.",
  AVATAR_UNSUPPORTED_TYPE: "Please choose a JPEG, PNG or WebP image.",
  AVATAR_UNREADABLE: "We could not read this image. Please try another one.",
  PASSWORD_INCORRECT: "This password is not correct.",
  ACCOUNT_DELETION_BLOCKED:
    "Your account cannot be deleted yet: money or an imminent session is still attached to it (see below).",
  DATA_EXPORT_LIMIT:
    "You can ask for a copy of your data 3 times a day. Please try again tomorrow.",
  TWO_FACTOR_REQUIRED:
    "Admin actions need two-factor authentication: set it up, or sign in again with your code.",
  FRESH_SIGN_IN_REQUIRED: "For your safety, confirm it is you: sign in again to do this.",
  JOB_NOT_RETRYABLE: "This job is no longer failed or dead: refresh to see where it is.",
  JOB_NOT_DELETABLE: "Only failed or dead jobs can be deleted: refresh to see where this one is.",
  MODERATION_CASE_CLOSED:
    "This moderation case is already decided or the content changed since: refresh the queue.",
  REALTIME_STREAM_LIMIT: "Too many open pages are following live updates: close a few tabs.",
  CONVERSATION_CLOSED: "This conversation is closed to new messages. You can still read it.",
  MESSAGE_REJECTED: "This message cannot be sent: please rephrase it.",
  ATTACHMENT_TOO_LARGE: "This image is too large. Please choose one under 5 MB.",
  ATTACHMENT_UNSUPPORTED_TYPE: "You can attach a JPEG, PNG or WebP image only.",
  ATTACHMENT_UNREADABLE: "We could not read this image. Please try another one.",
  API_KEY_REQUIRED: "This API needs an API key: send it as Authorization: Bearer <key>.",
  API_KEY_INVALID: "This API key is not valid: it may have been revoked.",
  API_KEY_EXPIRED: "This API key has expired: create a new one in your account.",
  API_KEY_SCOPE_MISSING: "This API key does not have the scope this call needs.",
  // Outgoing webhooks (issue #18)
  WEBHOOK_URL_REJECTED:
    "This URL cannot receive webhooks: use an https:// address on the public internet (no private, local or metadata address).",
  WEBHOOK_ENDPOINT_DISABLED: "This endpoint is turned off. Turn it on to send events to it.",
  WEBHOOK_ENDPOINT_LIMIT: "You have reached the maximum number of webhook endpoints ({max}).",
  // Reviews (issue #18)
  REVIEW_NOT_PARTICIPANT: "Only the people who took part in this session can review it.",
  REVIEW_NOT_OPEN_YET: "You can rate this session once it has taken place.",
  REVIEW_NOT_ATTENDED: "Only participants who attended the session can review it.",
  REVIEW_WINDOW_CLOSED: "Reviews are accepted for 14 days after the session: this one is closed.",
  REVIEW_ALREADY_SUBMITTED: "You have already reviewed this session.",
  REVIEW_REJECTED: "This review cannot be published: please rephrase it.",
  REVIEW_ALREADY_ANSWERED: "This review already has your answer.",
  REVIEW_STATUS_CONFLICT: "This review has changed since: refresh the page.",
  GOOGLE_CALENDAR_NOT_CONNECTED: "Connect your Google Calendar first.",
  GOOGLE_CALENDAR_UNAVAILABLE: "Google Calendar did not answer. Please try again in a moment.",
  GOOGLE_CALENDAR_INVALID_CHOICE:
    "Choose calendars from your list; sessions can only go to a calendar you can edit.",
  PAYOUT_ACCOUNT_NOT_READY:
    "Your Stripe account cannot receive payouts yet: finish setting it up with Stripe.",
  PAYOUT_EMAIL_UNVERIFIED: "Confirm your PayPal address first: open the link we e-mailed to it.",
  PAYOUT_VERIFICATION_INVALID:
    "This confirmation link is not valid any more (expired, or the address changed). Ask for a new one.",
  PAYOUT_ONBOARDING_REQUIRED:
    "Stripe payouts are set up with Stripe itself: use “Set up payouts with Stripe”.",
};
