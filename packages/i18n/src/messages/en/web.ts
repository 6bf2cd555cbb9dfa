import { account } from "./web/account.ts";
import { accounts } from "./web/accounts.ts";
import { activity } from "./web/activity.ts";
import { admin } from "./web/admin.ts";
import { adminAccounting } from "./web/adminAccounting.ts";
import { adminActivity } from "./web/adminActivity.ts";
import { adminAudit } from "./web/adminAudit.ts";
import { adminDisputes } from "./web/adminDisputes.ts";
import { adminJobs } from "./web/adminJobs.ts";
import { adminMessageReports } from "./web/adminMessageReports.ts";
import { adminModeration } from "./web/adminModeration.ts";
import { adminPayments } from "./web/adminPayments.ts";
import { adminPayouts } from "./web/adminPayouts.ts";
import { adminReviews } from "./web/adminReviews.ts";
import { adminVideo } from "./web/adminVideo.ts";
import { adminWebhooks } from "./web/adminWebhooks.ts";
// s6-api
import { apiDocs } from "./web/apiDocs.ts";
import { apiKeys } from "./web/apiKeys.ts";
import { apply } from "./web/apply.ts";
import { authErrors } from "./web/authErrors.ts";
import { availability } from "./web/availability.ts";
import { booking } from "./web/booking.ts";
import { bookings } from "./web/bookings.ts";
import { calendar } from "./web/calendar.ts";
import { calendarFeed } from "./web/calendarFeed.ts";
import { call } from "./web/call.ts";
import { checkEmail } from "./web/checkEmail.ts";
import { confirm } from "./web/confirm.ts";
import { dashboard } from "./web/dashboard.ts";
import { design } from "./web/design.ts";
import { duration } from "./web/duration.ts";
import { errorPage } from "./web/errorPage.ts";
import { forgotPassword } from "./web/forgotPassword.ts";
import { form } from "./web/form.ts";
import { home } from "./web/home.ts";
import { invitation } from "./web/invitation.ts";
import { invitations } from "./web/invitations.ts";
import { invoices } from "./web/invoices.ts";
import { landing } from "./web/landing.ts";
import { languages } from "./web/languages.ts";
import { layout } from "./web/layout.ts";
import { matches } from "./web/matches.ts";
import { mentorArea } from "./web/mentorArea.ts";
import { mentorBlocks } from "./web/mentorBlocks.ts";
import { mentorCalendars } from "./web/mentorCalendars.ts";
import { mentorPayouts } from "./web/mentorPayouts.ts";
import { mentors } from "./web/mentors.ts";
import { messages } from "./web/messages.ts";
import { meta } from "./web/meta.ts";
import { moderationNotices } from "./web/moderationNotices.ts";
import { money } from "./web/money.ts";
import { notifications } from "./web/notifications.ts";
import { offerings } from "./web/offerings.ts";
import { outbox } from "./web/outbox.ts";
import { payment } from "./web/payment.ts";
import { profile } from "./web/profile.ts";
import { receipts } from "./web/receipts.ts";
import { resetPassword } from "./web/resetPassword.ts";
import { revenue } from "./web/revenue.ts";
import { reviews } from "./web/reviews.ts";
import { roles } from "./web/roles.ts";
import { scheduler } from "./web/scheduler.ts";
import { signIn } from "./web/signIn.ts";
import { signOut } from "./web/signOut.ts";
import { signUp } from "./web/signUp.ts";
import { slots } from "./web/slots.ts";
import { wallet } from "./web/wallet.ts";
import { webhookEndpoints } from "./web/webhookEndpoints.ts";

/** The web portal (apps/web): layout, pages, forms and their errors; one file per page or area. */
export const web = {
  meta,
  layout,
  languages,
  home,
  landing,
  form,
  authErrors,
  signUp,
  checkEmail,
  signIn,
  forgotPassword,
  resetPassword,
  signOut,
  account,
  roles,
  outbox,
  design,
  admin,
  money,
  duration,
  mentors,
  offerings,
  slots,
  confirm,
  bookings,
  booking,
  invitation,
  mentorArea,
  call,
  adminAudit,
  adminDisputes,
  adminVideo,
  revenue,
  dashboard,
  profile,
  apply,
  availability,
  calendar,
  invitations,
  payment,
  wallet,
  invoices,
  receipts,
  adminPayments,
  adminJobs,
  adminWebhooks,
  errorPage,
  mentorPayouts,
  adminPayouts,
  mentorBlocks,
  accounts,
  adminModeration,
  matches,
  moderationNotices,
  adminAccounting,
  activity,
  adminActivity,
  messages,
  adminMessageReports,
  notifications,
  apiKeys,
  apiDocs,
  webhookEndpoints,
  reviews,
  adminReviews,
  calendarFeed,
  mentorCalendars,
  scheduler,
};
