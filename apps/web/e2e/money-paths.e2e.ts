import { afterAll, describe, expect, it } from "vitest";
import { baseUrl, uniqueEmail } from "./browser.ts";
import {
  addPaidOffering,
  closeTestDb,
  createMentor,
  createVerifiedUser,
  creditAvailable,
  PASSWORD,
  testDb,
} from "./db.ts";

/**
 * Money paths over plain HTTP against the BUILT server and its worker (no browser): sessions
 * from better-auth's sign-in endpoint, calls through /api/trpc (superjson envelopes) as the
 * browser's interactive pieces make them.
 */
afterAll(async () => {
  await closeTestDb();
});

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

interface TrpcAnswer {
  status: number;
  data?: unknown;
  error?: { message: string; data: { code: string; details?: Record<string, unknown> } };
}

async function trpc(
  cookie: string,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<TrpcAnswer> {
  const envelope = JSON.stringify({ json: input });
  const url =
    kind === "query"
      ? `${baseUrl()}/api/trpc/${path}?input=${encodeURIComponent(envelope)}`
      : `${baseUrl()}/api/trpc/${path}`;
  const response = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { "content-type": "application/json", origin: baseUrl(), cookie },
    ...(kind === "mutation" ? { body: envelope } : {}),
  });
  const body = (await response.json()) as {
    result?: { data?: { json?: unknown } };
    error?: { json?: TrpcAnswer["error"] };
  };
  return { status: response.status, data: body.result?.data?.json, error: body.error?.json };
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

describe("money paths over HTTP (built server and worker)", () => {
  it("a hold flood by one mentee stops at MAX_OPEN_HOLDS (3) with HOLD_LIMIT_REACHED", async () => {
    const mentor = await createMentor({ name: "Flood Target", email: uniqueEmail("flood-mentor") });
    await addPaidOffering(mentor.id);
    const option = await testDb().offeringOption.findFirstOrThrow({
      where: { offering: { mentorId: mentor.id } },
    });
    const menteeEmail = uniqueEmail("flooder");
    await createVerifiedUser({ name: "Flo Odeur", email: menteeEmail });
    const cookie = await signIn(menteeEmail);

    const from = new Date(Date.now() + 2 * 86_400_000);
    const slots = await trpc(
      cookie,
      "directory.slots",
      {
        optionId: option.id,
        from: from.toISOString(),
        to: new Date(from.getTime() + 14 * 86_400_000).toISOString(),
      },
      "query",
    );
    expect(slots.status).toBe(200);
    const days = (slots.data as { days: { slots: { start: string }[] }[] }).days;
    // One slot on each of 8 days: they can never collide, so only the cap refuses.
    const starts = days
      .map((day) => day.slots[0]?.start)
      .filter((start): start is string => Boolean(start))
      .slice(0, 8);
    expect(starts).toHaveLength(8);

    const answers = await Promise.all(
      starts.map((startsAt) => trpc(cookie, "bookings.hold", { optionId: option.id, startsAt })),
    );
    const ok = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.error?.data.code === "HOLD_LIMIT_REACHED");
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(5);
    expect(refused[0]?.status).toBe(412);
    expect(refused[0]?.error?.message).toContain("You already have 3 bookings waiting for payment");
    const mentee = await testDb().user.findUniqueOrThrow({ where: { email: menteeEmail } });
    expect(
      await testDb().booking.count({ where: { menteeId: mentee.id, status: "PENDING_PAYMENT" } }),
    ).toBe(3);
  });

  it("a mentor blocks a mentee from a booking: their next hold hears SLOT_UNAVAILABLE", async () => {
    const mentorEmail = uniqueEmail("blocking-mentor");
    const mentor = await createMentor({ name: "Bea Blocker", email: mentorEmail });
    await addPaidOffering(mentor.id);
    const option = await testDb().offeringOption.findFirstOrThrow({
      where: { offering: { mentorId: mentor.id } },
    });
    const menteeEmail = uniqueEmail("blocked-mentee");
    await createVerifiedUser({ name: "Pat Pest", email: menteeEmail });
    const mentee = await signIn(menteeEmail);
    const from = new Date(Date.now() + 2 * 86_400_000);
    const slots = await trpc(
      mentee,
      "directory.slots",
      {
        optionId: option.id,
        from: from.toISOString(),
        to: new Date(from.getTime() + 7 * 86_400_000).toISOString(),
      },
      "query",
    );
    const [first, second] = (slots.data as { days: { slots: { start: string }[] }[] }).days
      .map((day) => day.slots[0]?.start)
      .filter((start): start is string => Boolean(start));
    const held = await trpc(mentee, "bookings.hold", { optionId: option.id, startsAt: first });
    expect(held.status).toBe(200);

    const mentorCookie = await signIn(mentorEmail);
    const blocked = await trpc(mentorCookie, "mentorBlocks.block", {
      bookingId: (held.data as { id: string }).id,
    });
    expect(blocked.status).toBe(200);
    const refused = await trpc(mentee, "bookings.hold", { optionId: option.id, startsAt: second });
    expect(refused.error?.data.code).toBe("SLOT_UNAVAILABLE");
    // The mentee cannot lift it, nor list it: those are the mentor's.
    expect((await trpc(mentee, "mentorBlocks.list", undefined, "query")).status).toBe(403);
    const unblocked = await trpc(mentorCookie, "mentorBlocks.unblock", {
      menteeId: (await testDb().user.findUniqueOrThrow({ where: { email: menteeEmail } })).id,
    });
    expect(unblocked.data).toEqual({ unblocked: true });
    expect(
      (await trpc(mentee, "bookings.hold", { optionId: option.id, startsAt: second })).status,
    ).toBe(200);
  });

  it("a payout pays the destination frozen at request; a method change cancels, e-mails and cools down", async () => {
    const mentorEmail = uniqueEmail("frozen-mentor");
    const mentor = await createMentor({ name: "Frida Frozen", email: mentorEmail });
    await creditAvailable(testDb(), mentor.id, 9_000);
    const cookie = await signIn(mentorEmail);
    const first = await trpc(cookie, "payouts.setMethod", {
      kind: "SANDBOX",
      account: "http-owner",
    });
    expect(first.status).toBe(200);
    const requested = await trpc(cookie, "payouts.request", {
      currency: "EUR",
      amountMinor: 3_000,
    });
    expect(requested.status).toBe(200);
    const payoutId = (requested.data as { id: string }).id;

    // The method on file changes behind the request (the old hole: approval paid whatever was
    // on file then). The admin sees, approves and the worker pays the frozen destination.
    await testDb().payoutMethod.update({
      where: { mentorId: mentor.id },
      data: { destination: { account: "http-attacker" } },
    });
    const adminEmail = uniqueEmail("frozen-admin");
    const admin = await createVerifiedUser({ name: "Ada Frozen", email: adminEmail });
    await testDb().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const adminCookie = await signIn(adminEmail);
    const queue = await trpc(
      adminCookie,
      "admin.payouts.queue",
      { status: "REQUESTED", limit: 100 },
      "query",
    );
    const row = (
      queue.data as { items: { id: string; destination: string; methodAgeHours: number }[] }
    ).items.find((item) => item.id === payoutId);
    expect(row).toMatchObject({ destination: "sandbox:http-owner", methodAgeHours: 0 });
    const approved = await trpc(adminCookie, "admin.payouts.approve", { payoutIds: [payoutId] });
    expect(approved.status).toBe(200);
    const paid = await poll(
      () => testDb().payout.findUniqueOrThrow({ where: { id: payoutId } }),
      (payout) => payout.status === "PAID",
    );
    expect(paid.status).toBe("PAID");
    // The sandbox's own books (its state rows): one transfer, to the owner's account.
    const transfers = await testDb().gatewayState.findMany({
      where: { gatewayId: "sandbox", value: { path: ["payoutId"], equals: payoutId } },
    });
    expect(transfers.map((row) => (row.value as { destination?: unknown }).destination)).toEqual([
      { kind: "sandbox", account: "http-owner" },
    ]);

    // A real change through the API: the open request is cancelled, the mentor is e-mailed,
    // and a new request is refused until the cooldown ends, saying when.
    const open = await trpc(cookie, "payouts.request", { currency: "EUR", amountMinor: 2_000 });
    const openId = (open.data as { id: string }).id;
    const changed = await trpc(cookie, "payouts.setMethod", {
      kind: "SANDBOX",
      account: "http-new",
    });
    expect(changed.status).toBe(200);
    expect((await testDb().payout.findUniqueOrThrow({ where: { id: openId } })).status).toBe(
      "CANCELLED",
    );
    const refused = await trpc(cookie, "payouts.request", { currency: "EUR", amountMinor: 2_000 });
    expect(refused.status).toBe(412);
    expect(refused.error?.data.code).toBe("PAYOUT_METHOD_COOLDOWN");
    expect(refused.error?.message).toMatch(/you can ask for a payout to it from .*20\d\d.* UTC/);
    const emails = await poll(
      () => testDb().outboxEmail.findMany({ where: { to: mentorEmail } }),
      (rows) => rows.some((email) => email.subject.includes("payout method was changed")),
    );
    const alert = emails.find((email) => email.subject.includes("payout method was changed"));
    expect(alert?.text).toContain("sandbox:http-new");
    expect(alert?.text).toContain("1 open payout request(s) were cancelled");
  });
});
