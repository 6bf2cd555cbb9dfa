import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { type ApiScope, apiScopes } from "../contracts/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import {
  authRequest,
  callerFor,
  contextFor,
  cookieHeaderFrom,
  createTestApp,
  signUpVerifiedUser,
} from "../testing/index.ts";
import type { Access } from "./init.ts";
import { mentorProcedure, router } from "./init.ts";
import { appRouter, createCaller } from "./router.ts";

/**
 * Every procedure of the app and who may call it. A new procedure must be added here, or the
 * first test fails: authorization is decided on the server, and this table is how we know.
 */
const accessTable: Record<string, Access> = {
  "account.me": "authed",
  "account.updatePreferences": "authed",
  "account.listSessions": "authed",
  "account.revokeSession": "authed",
  "account.requestExport": "authed",
  "account.listExports": "authed",
  "account.deletionBlockers": "authed",
  "account.deleteAccount": "authed",
  "admin.users.list": "admin",
  "admin.users.setRole": "admin",
  "admin.mentors.applications": "admin",
  "admin.mentors.decide": "admin",
  "admin.moderation.list": "admin",
  "admin.moderation.decide": "admin",
  "admin.reviews.list": "admin",
  "admin.reviews.hide": "admin",
  "admin.reviews.unhide": "admin",
  "admin.reviews.keep": "admin",
  "reviews.submit": "authed",
  "reviews.answer": "mentor",
  "reviews.forMentor": "public",
  "reviews.forBooking": "authed",
  "reviews.awaiting": "authed",
  "moderation.myNotices": "authed",
  "matching.request": "authed",
  "matching.latest": "authed",
  "profile.get": "authed",
  "profile.update": "authed",
  "profile.setAvatar": "authed",
  "profile.removeAvatar": "authed",
  "mentor.submitApplication": "authed",
  "mentor.settings.get": "mentor",
  "mentor.settings.update": "mentor",
  "mentor.dashboard": "mentor",
  "directory.search": "public",
  "directory.mentor": "public",
  "directory.slots": "public",
  "directory.skills": "public",
  "bookings.hold": "authed",
  "bookings.listMine": "authed",
  "bookings.get": "authed",
  "bookings.cancel": "authed",
  "bookings.ics": "authed",
  "bookings.previousMentors": "authed",
  "mentorSessions.list": "mentor",
  "mentorSessions.cancel": "mentor",
  "mentorSessions.reschedule": "mentor",
  "dev.outbox.list": "public",
  "dev.outbox.get": "public",
  "health.check": "public",
  "offerings.list": "mentor",
  "offerings.create": "mentor",
  "offerings.update": "mentor",
  "offerings.archive": "mentor",
  "offerings.restore": "mentor",
  "availability.get": "mentor",
  "availability.setWeeklyRules": "mentor",
  "availability.addOverride": "mentor",
  "availability.removeOverride": "mentor",
  "invitations.create": "mentor",
  "invitations.list": "mentor",
  "invitations.revoke": "mentor",
  "invitations.preview": "public",
  "payments.startForBooking": "authed",
  "payments.startTopUp": "authed",
  "payments.get": "authed",
  "payments.listReceipts": "authed",
  "wallet.get": "authed",
  "admin.payments.list": "admin",
  "admin.payments.refund": "admin",
  "admin.webhooks.list": "admin",
  "admin.webhooks.replay": "admin",
  "admin.video.usage": "admin",
  "video.details": "authed",
  "video.join": "authed",
  "video.presence": "authed",
  "video.localPresence": "authed",
  "invoices.listMine": "authed",
  "invoices.listStatements": "mentor",
  "invoices.adminListByPayment": "admin",
  "invoices.getBillingDetails": "authed",
  "invoices.updateBillingDetails": "authed",
  "admin.payouts.queue": "admin",
  "admin.payouts.list": "admin",
  "admin.payouts.approve": "admin",
  "admin.payouts.reject": "admin",
  "admin.payouts.markPaid": "admin",
  "admin.audit.list": "admin",
  "admin.disputes.list": "admin",
  "admin.disputes.attendanceReviews": "admin",
  "admin.disputes.decideAttendance": "admin",
  "admin.jobs.queues": "admin",
  "admin.jobs.problems": "admin",
  "admin.jobs.retry": "admin",
  "admin.jobs.delete": "admin",
  "payouts.balances": "mentor",
  "payouts.getMethod": "mentor",
  "payouts.setMethod": "mentor",
  "payouts.request": "mentor",
  "payouts.cancel": "mentor",
  "payouts.list": "mentor",
  "payouts.methodKinds": "mentor",
  "mentorBlocks.list": "mentor",
  "mentorBlocks.block": "mentor",
  "mentorBlocks.unblock": "mentor",
  "admin.accounting.authorizeInvoiceExport": "admin",
  "admin.accounting.authorizeFecExport": "admin",
  "activity.mine": "authed",
  "admin.activity.feed": "admin",
  "admin.activity.decisions": "admin",
  "notifications.list": "authed",
  "notifications.unreadCount": "authed",
  "notifications.markRead": "authed",
  "notifications.markAllRead": "authed",
  "notifications.getPreferences": "authed",
  "notifications.setPreferences": "authed",
  "notifications.bell": "authed",
  "realtime.stream": "authed",
  "messages.list": "authed",
  "messages.open": "authed",
  "messages.get": "authed",
  "messages.send": "authed",
  "messages.markRead": "authed",
  "messages.report": "authed",
  "messages.typing": "authed",
  "admin.messageReports.list": "admin",
  "admin.messageReports.decide": "admin",
  // s6-api: the public REST API (decision 052) and the account page's API keys
  "directory.apiSearch": "public",
  "directory.apiOfferings": "public",
  "directory.apiSlots": "public",
  // s7-p2-slots: the scheduler's month from one read (decision 057)
  "directory.slotCalendar": "public",
  "bookings.apiListMine": "authed",
  "payments.apiList": "authed",
  "payments.apiGet": "authed",
  "apiKeys.list": "authed",
  "apiKeys.create": "authed",
  "apiKeys.revoke": "authed",
  "webhookEndpoints.list": "mentor",
  "webhookEndpoints.get": "mentor",
  "webhookEndpoints.deliveries": "mentor",
  "webhookEndpoints.create": "mentor",
  "webhookEndpoints.update": "mentor",
  "webhookEndpoints.rotateSecret": "mentor",
  "webhookEndpoints.delete": "mentor",
  "webhookEndpoints.replay": "mentor",
  "webhookEndpoints.sendTest": "mentor",
  "admin.webhookEndpoints.list": "admin",
  "admin.webhookEndpoints.get": "admin",
  "admin.webhookEndpoints.deliveries": "admin",
  "admin.webhookEndpoints.create": "admin",
  "admin.webhookEndpoints.update": "admin",
  "admin.webhookEndpoints.rotateSecret": "admin",
  "admin.webhookEndpoints.delete": "admin",
  "admin.webhookEndpoints.replay": "admin",
  "admin.webhookEndpoints.sendTest": "admin",
  "calendars.feed": "public",
  "calendars.feedStatus": "authed",
  "calendars.regenerateFeed": "authed",
  "calendars.revokeFeed": "authed",
  "calendars.googleCalendar": "mentor",
  "calendars.saveGoogleCalendars": "mentor",
  "calendars.disconnectGoogle": "mentor",
  "payouts.startOnboarding": "mentor",
  "payouts.refreshAccount": "mentor",
  "payouts.resendEmailConfirmation": "mentor",
  "payouts.confirmEmail": "mentor",
  "bookings.priceDetails": "public",
};

/**
 * What an API key may reach, with the scope each needs: read procedures only (a key never
 * mutates, never reaches admin or money actions). A procedure added to the REST API goes here.
 */
const apiKeyTable: Record<string, ApiScope> = {
  "directory.apiSearch": "mentors:read",
  "directory.mentor": "mentors:read",
  "directory.apiOfferings": "mentors:read",
  "directory.apiSlots": "mentors:read",
  "bookings.apiListMine": "bookings:read",
  "bookings.get": "bookings:read",
  "payments.apiList": "payments:read",
  "payments.apiGet": "payments:read",
};

type AnyProcedure = {
  _def: { type: string; meta?: { access?: Access; apiScope?: ApiScope }; inputs: unknown[] };
};
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

type Caller = ReturnType<typeof createCaller>;
function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as never)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `THREW ${String(error)}`;
  }
}

let app: App;
const headers: Record<"mentee" | "mentor" | "admin", Record<string, string>> = {
  mentee: {},
  mentor: {},
  admin: {},
};

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ["mentee", "mentor", "admin"] as const) {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: `A ${role}`,
      email: `${role}@authz.test`,
    });
    if (role !== "mentee") {
      await app.prisma.user.update({
        where: { id: userId },
        data: { role: role === "mentor" ? "MENTOR" : "ADMIN" },
      });
    }
    headers[role] = { cookie };
  }
});
afterAll(() => app?.close());

describe("authorization table", () => {
  it("lists every procedure with the access level the procedure declares", () => {
    const declared = Object.fromEntries(
      Object.entries(procedures).map(([path, p]) => [path, p._def.meta?.access]),
    );
    expect(declared).toEqual(accessTable);
  });

  const guarded = Object.entries(accessTable).filter(([, access]) => access !== "public");

  it.each(guarded)("%s refuses anonymous callers with UNAUTHORIZED", async (path) => {
    expect(await codeOf(call(await callerFor(app), path, undefined))).toBe("UNAUTHORIZED");
  });

  it.each(guarded.filter(([, a]) => a === "mentor" || a === "admin"))(
    "%s refuses a mentee with FORBIDDEN",
    async (path) => {
      expect(await codeOf(call(await callerFor(app, headers.mentee), path, undefined))).toBe(
        "FORBIDDEN",
      );
    },
  );

  it.each(guarded.filter(([, a]) => a === "admin"))(
    "%s refuses a mentor with FORBIDDEN",
    async (path) => {
      expect(await codeOf(call(await callerFor(app, headers.mentor), path, undefined))).toBe(
        "FORBIDDEN",
      );
    },
  );

  it.each(Object.keys(accessTable).filter((path) => procedures[path]?._def.inputs.length))(
    "%s rejects unknown input fields with BAD_REQUEST",
    async (path) => {
      // Called as someone the procedure admits, so the input check is what answers.
      const as = accessTable[path] === "mentor" ? headers.mentor : headers.admin;
      const caller = await callerFor(app, as);
      expect(await codeOf(call(caller, path, { unexpectedField: true }))).toBe("BAD_REQUEST");
    },
  );

  it("mentorProcedure admits mentors only (no mentor procedure is mounted yet)", async () => {
    const probe = router({ ping: mentorProcedure.query(() => "pong") });
    const as = async (h: Record<string, string>) =>
      codeOf(probe.createCaller(await contextFor(app, h)).ping());
    expect(await as({})).toBe("UNAUTHORIZED");
    expect(await as(headers.mentee)).toBe("FORBIDDEN");
    expect(await as(headers.admin)).toBe("FORBIDDEN");
    expect(await as(headers.mentor)).toBe("OK");
  });
});

describe("API keys reach only the procedures of the REST API", () => {
  /** As the admin (the widest role) with an API key of the given scopes. */
  async function adminKeyCaller(scopes: ApiScope[]) {
    const context = await contextFor(app, headers.admin);
    return createCaller({ ...context, apiKey: { id: "test-key", scopes } });
  }

  it("lists every procedure an API key reaches, each a query with its scope", () => {
    const exposed = Object.fromEntries(
      Object.entries(procedures)
        .filter(([, p]) => p._def.meta?.apiScope)
        .map(([path, p]) => [path, p._def.meta?.apiScope]),
    );
    expect(exposed).toEqual(apiKeyTable);
    for (const path of Object.keys(apiKeyTable)) {
      expect(procedures[path]?._def.type, path).toBe("query");
    }
  });

  const others = Object.keys(accessTable).filter((path) => !(path in apiKeyTable));

  it.each(others)("%s refuses an admin's API key with FORBIDDEN", async (path) => {
    const caller = await adminKeyCaller([...apiScopes]);
    let code: string | undefined;
    try {
      await call(caller, path, undefined);
    } catch (error) {
      code = errorCodeOf(error);
    }
    expect(code).toBe("FORBIDDEN");
  });

  it.each(Object.entries(apiKeyTable))("%s needs the %s scope", async (path, scope) => {
    const without = await adminKeyCaller(apiScopes.filter((s) => s !== scope));
    let code: string | undefined;
    try {
      await call(without, path, undefined);
    } catch (error) {
      code = errorCodeOf(error);
    }
    expect(code).toBe("API_KEY_SCOPE_MISSING");
    const withIt = await adminKeyCaller([scope]);
    try {
      await call(withIt, path, undefined);
      code = "OK";
    } catch (error) {
      code = errorCodeOf(error) ?? (error as TRPCError).code;
    }
    expect(code).not.toBe("API_KEY_SCOPE_MISSING");
    expect(code).not.toBe("FORBIDDEN");
  });
});

describe("resource checks", () => {
  it("a user cannot revoke another user's session: it reads as NOT_FOUND", async () => {
    const adminSessions = await (await callerFor(app, headers.admin)).account.listSessions();
    const target = adminSessions[0]!.id;
    const mentee = await callerFor(app, headers.mentee);
    expect(await codeOf(mentee.account.revokeSession({ sessionId: target }))).toBe("NOT_FOUND");
    const stillThere = await app.prisma.session.findUnique({ where: { id: target } });
    expect(stillThere).not.toBeNull();
  });

  it("a sign-up cannot choose its own role", async () => {
    const { userId } = await signUpVerifiedUser(app, {
      name: "Sneaky",
      email: "sneaky@authz.test",
      role: "ADMIN",
    } as never);
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.role).toBe("MENTEE");
  });

  it("an admin cannot demote themselves", async () => {
    const admin = await callerFor(app, headers.admin);
    const me = await admin.account.me();
    expect(await codeOf(admin.admin.users.setRole({ userId: me.id, role: "MENTEE" }))).toBe(
      "CONFLICT",
    );
  });
});

/**
 * Money actions: each needs a sign-in younger than FRESH_SESSION_MINUTES (requireFreshSession).
 * A money action added later belongs here too.
 */
const freshSessionActions: Record<string, "authed" | "mentor" | "admin"> = {
  "payouts.setMethod": "mentor",
  "admin.payouts.approve": "admin",
  "admin.payouts.reject": "admin",
  "admin.payouts.markPaid": "admin",
  "admin.payments.refund": "admin",
  "admin.accounting.authorizeInvoiceExport": "admin",
  "admin.accounting.authorizeFecExport": "admin",
  "apiKeys.create": "authed",
  "payouts.startOnboarding": "mentor",
};

describe("fresh sign-in for money actions", () => {
  const stale: Record<"authed" | "mentor" | "admin", Record<string, string>> = {
    authed: {},
    mentor: {},
    admin: {},
  };
  beforeAll(async () => {
    for (const role of ["authed", "mentor", "admin"] as const) {
      const who = role === "authed" ? "mentee" : role;
      const response = await app.auth.handler(
        authRequest("/sign-in/email", {
          body: { email: `${who}@authz.test`, password: "correct horse battery" },
        }),
      );
      const cookie = cookieHeaderFrom(response);
      const token = decodeURIComponent(cookie.match(/session_token=([^;]+)/)?.[1] ?? "");
      await app.prisma.session.update({
        where: { token: token.split(".")[0] },
        data: { createdAt: new Date(Date.now() - 16 * 60_000) },
      });
      stale[role] = { cookie };
    }
  });

  it.each(Object.entries(freshSessionActions))(
    "%s refuses a session older than 15 minutes with FRESH_SIGN_IN_REQUIRED",
    async (path, role) => {
      expect(accessTable[path]).toBe(role);
      const caller = await callerFor(app, stale[role]);
      let code: string | undefined;
      try {
        await call(caller, path, undefined);
      } catch (error) {
        code = errorCodeOf(error);
      }
      expect(code).toBe("FRESH_SIGN_IN_REQUIRED");
    },
  );
});
