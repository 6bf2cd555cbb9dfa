/**
 * Who may use each Remix route file (loader, action or resource route). tRPC procedures have
 * their own table (packages/core/src/trpc/authorization.test.ts); this one covers everything
 * else under app/routes. A new route file fails `route-access.test.ts` until it is declared
 * here, and e2e/route-access.e2e.ts calls every protected one anonymously (and every admin one
 * as a mentee) against the built server.
 */
export type RouteAccess =
  /** Anyone (public pages, sign-in, static-like resources, tRPC/auth endpoints with their own checks). */
  | "public"
  /** A session: anonymous visitors are sent to /sign-in (or get 404 where existence is private). */
  | "signed-in"
  /** An approved mentor: anonymous → /sign-in, others → /mentor/apply. */
  | "mentor"
  /** An admin: anonymous → /sign-in, everyone else 403. */
  | "admin"
  /** A provider's callback, accepted only with a valid signature. */
  | "webhook"
  /** Whoever holds an unguessable link (token or secret in the URL): anything else is 404. */
  | "secret-link"
  /** A bearer token from the environment (METRICS_TOKEN). */
  | "token"
  /** A user's API key (Authorization: Bearer or x-api-key): anything else is 401 (decision 052). */
  | "api-key"
  /** Development and test only: 404 in production. */
  | "dev-only"
  /**
   * Pages a loaded payment gateway serves itself, with its own checks (the sandbox checkout):
   * 404 for a gateway that is not loaded, which production guarantees for the sandbox (the
   * registry refuses a gateway that moves no money).
   */
  | "gateway";

export interface RouteAccessEntry {
  access: RouteAccess;
  /** A concrete address of the route, parameters filled with values that exist nowhere. */
  path: string;
}

export const routeAccess: Record<string, RouteAccessEntry> = {
  "account.exports.$id[.]zip.ts": {
    access: "signed-in",
    path: "/account/exports/00000000-0000-4000-8000-000000000000.zip",
  },
  "account_.two-factor.tsx": { access: "signed-in", path: "/account/two-factor" },
  "admin.disputes.tsx": { access: "admin", path: "/admin/disputes" },
  "admin.reviews.tsx": { access: "admin", path: "/admin/reviews" },
  "admin.jobs.tsx": { access: "admin", path: "/admin/jobs" },
  "admin.accounting.tsx": { access: "admin", path: "/admin/accounting" },
  "admin.accounting[.]zip.ts": {
    access: "admin",
    path: "/admin/accounting.zip?from=2026-01-01&to=2026-01-31",
  },
  "admin.fec[.]txt.ts": { access: "admin", path: "/admin/fec.txt?year=2026" },
  "invoices.$id[.]xml.ts": { access: "signed-in", path: "/invoices/no-such-invoice.xml" },
  "activity.tsx": { access: "signed-in", path: "/activity" },
  "admin.activity.tsx": { access: "admin", path: "/admin/activity" },
  "mentor.blocked.tsx": { access: "mentor", path: "/mentor/blocked" },
  "mentor.webhooks._index.tsx": { access: "mentor", path: "/mentor/webhooks" },
  "mentor.webhooks.$endpointId.tsx": {
    access: "mentor",
    path: "/mentor/webhooks/00000000-0000-4000-8000-000000000000",
  },
  "admin.webhook-endpoints._index.tsx": { access: "admin", path: "/admin/webhook-endpoints" },
  "admin.webhook-endpoints.$endpointId.tsx": {
    access: "admin",
    path: "/admin/webhook-endpoints/00000000-0000-4000-8000-000000000000",
  },
  "messages._index.tsx": { access: "signed-in", path: "/messages" },
  "messages.$id.tsx": {
    access: "signed-in",
    path: "/messages/00000000-0000-4000-8000-000000000000",
  },
  "messages.$id_.attachments.$messageId.ts": {
    access: "signed-in",
    path: "/messages/00000000-0000-4000-8000-000000000000/attachments/00000000-0000-4000-8000-000000000001",
  },
  "bookings.$id_.messages.ts": {
    access: "signed-in",
    path: "/bookings/00000000-0000-4000-8000-000000000000/messages",
  },
  "admin.message-reports.tsx": { access: "admin", path: "/admin/message-reports" },
  "reauth.tsx": { access: "signed-in", path: "/reauth" },
  "reset-password.tsx": { access: "public", path: "/reset-password" },
  "forgot-password.tsx": { access: "public", path: "/forgot-password" },
  "sign-in_.two-factor.tsx": { access: "public", path: "/sign-in/two-factor" },
  "$.tsx": { access: "public", path: "/no-such-page" },
  "_index.tsx": { access: "public", path: "/" },
  "account.tsx": { access: "signed-in", path: "/account" },
  "admin._index.tsx": { access: "admin", path: "/admin" },
  "admin.audit.tsx": { access: "admin", path: "/admin/audit" },
  "admin.payments.tsx": { access: "admin", path: "/admin/payments" },
  "admin.payments[.]csv.ts": { access: "admin", path: "/admin/payments.csv" },
  "admin.payouts.tsx": { access: "admin", path: "/admin/payouts" },
  "admin.payouts[.]csv.ts": { access: "admin", path: "/admin/payouts.csv" },
  "admin.tsx": { access: "admin", path: "/admin" },
  "admin.video.tsx": { access: "admin", path: "/admin/video" },
  "admin.moderation.tsx": { access: "admin", path: "/admin/moderation" },
  "admin.webhooks.tsx": { access: "admin", path: "/admin/webhooks" },
  "api.auth.$.ts": { access: "public", path: "/api/auth/get-session" },
  "api.v1.$.ts": { access: "api-key", path: "/api/v1/mentors" },
  "api.openapi[.]json.ts": { access: "public", path: "/api/openapi.json" },
  "api.docs.tsx": { access: "public", path: "/api/docs" },
  "api.trpc.$.ts": { access: "public", path: "/api/trpc/health.check" },
  "api.webhooks.$provider.ts": { access: "webhook", path: "/api/webhooks/sandbox" },
  "api.webhooks.twilio.ts": { access: "webhook", path: "/api/webhooks/twilio" },
  "avatars.initials.$name.ts": { access: "public", path: "/avatars/initials/Ada%20Lovelace" },
  "bookings.$id.tsx": { access: "signed-in", path: "/bookings/no-such-booking" },
  "bookings.$id_.ics.ts": { access: "signed-in", path: "/bookings/no-such-booking/ics" },
  "bookings._index.tsx": { access: "signed-in", path: "/bookings" },
  "design.tsx": { access: "dev-only", path: "/design" },
  "dev.outbox.$id.tsx": { access: "dev-only", path: "/dev/outbox/no-such-email" },
  "dev.outbox._index.tsx": { access: "dev-only", path: "/dev/outbox" },
  "files.$.ts": { access: "public", path: "/files/avatars/no-such-file.webp" },
  "gateways.$gatewayId.$.ts": {
    access: "gateway",
    path: "/gateways/sandbox/checkout/no-such-session",
  },
  "healthz.ts": { access: "public", path: "/healthz" },
  "invitations.$token.tsx": { access: "secret-link", path: "/invitations/no-such-token" },
  "invoices.$id[.]pdf.ts": { access: "signed-in", path: "/invoices/no-such-invoice.pdf" },
  "krisp.$.ts": { access: "public", path: "/krisp/krispsdk.mjs" },
  "locale.ts": { access: "public", path: "/locale" },
  "mentor._index.tsx": { access: "mentor", path: "/mentor" },
  "mentor.apply.tsx": { access: "signed-in", path: "/mentor/apply" },
  "mentor.availability.tsx": { access: "mentor", path: "/mentor/availability" },
  "mentor.calendar.tsx": { access: "mentor", path: "/mentor/calendar" },
  "mentor.invitations.tsx": { access: "mentor", path: "/mentor/invitations" },
  "mentor.offerings.tsx": { access: "mentor", path: "/mentor/offerings" },
  "mentor.payouts.tsx": { access: "mentor", path: "/mentor/payouts" },
  "mentor.payouts_.stripe.refresh.tsx": {
    access: "mentor",
    path: "/mentor/payouts/stripe/refresh",
  },
  "mentor.payouts_.stripe.return.tsx": { access: "mentor", path: "/mentor/payouts/stripe/return" },
  "mentor.payouts_.paypal.confirm.tsx": {
    access: "mentor",
    path: "/mentor/payouts/paypal/confirm",
  },
  "mentor.profile.tsx": { access: "signed-in", path: "/mentor/profile" },
  "mentor.revenue.tsx": { access: "mentor", path: "/mentor/revenue" },
  "mentor.tsx": { access: "signed-in", path: "/mentor/profile" },
  "mentors.$mentorId.tsx": { access: "public", path: "/mentors/no-such-mentor" },
  "mentors.$mentorId_.$offeringId.tsx": {
    access: "public",
    path: "/mentors/no-such-mentor/no-such-offering",
  },
  "mentors._index.tsx": { access: "public", path: "/mentors" },
  "metrics.ts": { access: "token", path: "/metrics" },
  "notifications.$id.ts": {
    access: "signed-in",
    path: "/notifications/no-such-notification",
  },
  "notifications.tsx": { access: "signed-in", path: "/notifications" },
  "payments.$id.tsx": { access: "signed-in", path: "/payments/no-such-payment" },
  "payments.$id_.return.tsx": {
    access: "secret-link",
    path: "/payments/no-such-payment/return?secret=forged",
  },
  "receipts.tsx": { access: "signed-in", path: "/receipts" },
  "matches.tsx": { access: "signed-in", path: "/matches" },
  "sandbox.checkout.$id.ts": { access: "gateway", path: "/sandbox/checkout/no-such-session" },
  "sessions.$id.call.tsx": { access: "signed-in", path: "/sessions/no-such-session/call" },
  "sign-in.tsx": { access: "public", path: "/sign-in" },
  "sign-out.tsx": { access: "public", path: "/sign-out" },
  "sign-up.tsx": { access: "public", path: "/sign-up" },
  "wallet.tsx": { access: "signed-in", path: "/wallet" },
  "mentor.calendars.tsx": { access: "mentor", path: "/mentor/calendars" },
  "calendar.$token[.]ics.ts": {
    access: "secret-link",
    path: "/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
  },
};
