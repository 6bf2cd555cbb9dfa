import { TRPCError } from "@trpc/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import {
  jpegWithPrivateMetadata,
  noisePng,
  secretCopyright,
  secretXmpLocation,
  solidPng,
} from "../avatars/testing/images.ts";
import { addParticipant, createBookingFixture } from "../bookings/testing/booking-fixture.ts";
import { errorCodeOf } from "../errors/index.ts";
import { createFakeAi, createTestApp } from "../testing/index.ts";
import { moderateAttachment, moderateAttachmentJob } from "./moderate-attachment.job.ts";
import { callerAs, conversationRig } from "./testing/messages-rig.ts";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCodeOf(error) ?? (error instanceof TRPCError ? error.code : `THREW ${error}`);
  }
}

let app: App;
// The AI test double: text with "[block]" or "[review]" gets that verdict, images `imageVerdict`.
const ai = createFakeAi();
beforeAll(async () => {
  // A small send budget so the rate-limit test reaches it; other tests use fresh users.
  app = await createTestApp({ RATE_LIMITS: "message-send=5" }, { ai });
});
afterAll(() => app?.close());

/** Runs the queued image checks the way the worker would (real pg-boss jobs), until none is left. */
async function runImageChecks(): Promise<number> {
  let ran = 0;
  for (;;) {
    const [item] = await app.boss.fetch(moderateAttachmentJob.name);
    if (!item) return ran;
    await moderateAttachmentJob.run(item.data, app, { jobId: item.id });
    await app.boss.complete(moderateAttachmentJob.name, item.id);
    ran += 1;
  }
}

describe("participants only", () => {
  it("the mentor and the mentee read and write; a third person gets NOT_FOUND for everything", async () => {
    const rig = await conversationRig(app);
    const sent = await rig.menteeCaller.messages.send({
      conversationId: rig.conversationId,
      body: "Hello, see you tomorrow?",
    });
    const mentorView = await rig.mentorCaller.messages.get({ conversationId: rig.conversationId });
    expect(mentorView.messages.map((m) => m.body)).toEqual(["Hello, see you tomorrow?"]);
    expect(mentorView.myRole).toBe("MENTOR");
    // The mentor opening the booking reaches the same conversation.
    expect(await rig.mentorCaller.messages.open({ bookingId: rig.booking.id })).toEqual({
      conversationId: rig.conversationId,
    });

    const other = await createBookingFixture(app.prisma, {
      startsAt: new Date(Date.now() + 86_400_000),
    });
    const stranger = await callerAs(app, other.mentee.id);
    const strangerMentor = await callerAs(app, other.mentor.id);
    for (const caller of [stranger, strangerMentor]) {
      expect(await codeOf(caller.messages.get({ conversationId: rig.conversationId }))).toBe(
        "NOT_FOUND",
      );
      expect(
        await codeOf(caller.messages.send({ conversationId: rig.conversationId, body: "hi" })),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          caller.messages.markRead({
            conversationId: rig.conversationId,
            messageId: sent.messageId,
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(await codeOf(caller.messages.report({ messageId: sent.messageId }))).toBe("NOT_FOUND");
      expect(await codeOf(caller.messages.open({ bookingId: rig.booking.id }))).toBe("NOT_FOUND");
      expect((await caller.messages.list()).items.map((c) => c.id)).not.toContain(
        rig.conversationId,
      );
    }
    expect(await app.prisma.message.count({ where: { conversationId: rig.conversationId } })).toBe(
      1,
    );
  });

  it("a hold waiting for payment opens no conversation", async () => {
    const pending = await createBookingFixture(app.prisma, {
      startsAt: new Date(Date.now() + 86_400_000),
      status: "PENDING_PAYMENT",
    });
    const mentee = await callerAs(app, pending.mentee.id);
    expect(await codeOf(mentee.messages.open({ bookingId: pending.booking.id }))).toBe("NOT_FOUND");
  });

  it("in a group session each place is its own conversation; the mentor can write to all", async () => {
    const rig = await conversationRig(app, { capacity: 5 });
    const second = await addParticipant(app.prisma, rig, { name: "Bea Second" });
    const secondCaller = await callerAs(app, second.mentee.id);
    await rig.menteeCaller.messages.send({ conversationId: rig.conversationId, body: "private q" });

    const broadcast = await rig.mentorCaller.messages.send({
      conversationId: rig.conversationId,
      body: "Bring your CV, everyone",
      toWholeSession: true,
    });
    expect(broadcast.conversationIds).toHaveLength(2);
    const secondId = (await secondCaller.messages.list()).items[0]!.id;
    expect(secondId).not.toBe(rig.conversationId);
    const seenBySecond = await secondCaller.messages.get({ conversationId: secondId });
    // The other mentee's private question is not there, nor their name.
    expect(seenBySecond.messages.map((m) => m.body)).toEqual(["Bring your CV, everyone"]);
    expect(seenBySecond.participants.map((p) => p.name).sort()).toEqual(
      ["Bea Second", rig.mentor.name].sort(),
    );
    expect(await codeOf(secondCaller.messages.get({ conversationId: rig.conversationId }))).toBe(
      "NOT_FOUND",
    );
    // Only the mentor may write to the whole session.
    expect(
      await codeOf(
        secondCaller.messages.send({
          conversationId: secondId,
          body: "all?",
          toWholeSession: true,
        }),
      ),
    ).toBe("FORBIDDEN");
  });
});

describe("every send is a realtime publication and a message.sent event", () => {
  it("publishes 'conversation' to both participants and records the event with the recipient", async () => {
    const rig = await conversationRig(app);
    const { messageId } = await rig.mentorCaller.messages.send({
      conversationId: rig.conversationId,
      body: "Welcome!",
    });
    const stream = await app.prisma.realtimeMessage.findMany({
      where: { topic: "conversation", ref: rig.conversationId },
    });
    expect(stream.map((m) => m.userId).sort()).toEqual([rig.mentor.id, rig.mentee.id].sort());
    const events = await app.prisma.domainEvent.findMany({ where: { type: "message.sent" } });
    const event = events.find((e) => (e.data as { messageId: string }).messageId === messageId);
    expect(event?.data).toEqual({
      messageId,
      conversationId: rig.conversationId,
      senderId: rig.mentor.id,
      recipientIds: [rig.mentee.id],
    });
  });
});

describe("rules", () => {
  it("a mentee the mentor blocked cannot write (CONVERSATION_CLOSED, nothing stored); the mentor still can", async () => {
    const rig = await conversationRig(app);
    await rig.mentorCaller.mentorBlocks.block({ bookingId: rig.booking.id });
    expect(
      await codeOf(
        rig.menteeCaller.messages.send({ conversationId: rig.conversationId, body: "hi" }),
      ),
    ).toBe("CONVERSATION_CLOSED");
    const view = await rig.menteeCaller.messages.get({ conversationId: rig.conversationId });
    expect(view.canWrite).toBe(false);
    expect(view.messages).toEqual([]);
    expect(
      await codeOf(
        rig.mentorCaller.messages.send({ conversationId: rig.conversationId, body: "ok" }),
      ),
    ).toBe("OK");
  });

  it("a cancelled booking's conversation stays readable and closes 30 days after the cancellation", async () => {
    const rig = await conversationRig(app);
    await rig.menteeCaller.messages.send({ conversationId: rig.conversationId, body: "before" });
    const cancel = (daysAgo: number) =>
      app.prisma.booking.update({
        where: { id: rig.booking.id },
        data: { status: "CANCELLED", cancelledAt: new Date(Date.now() - daysAgo * 86_400_000) },
      });

    await cancel(29);
    expect(
      await codeOf(
        rig.mentorCaller.messages.send({ conversationId: rig.conversationId, body: "sorry" }),
      ),
    ).toBe("OK");

    await cancel(31);
    for (const caller of [rig.menteeCaller, rig.mentorCaller]) {
      expect(
        await codeOf(caller.messages.send({ conversationId: rig.conversationId, body: "late" })),
      ).toBe("CONVERSATION_CLOSED");
      const view = await caller.messages.get({ conversationId: rig.conversationId });
      expect(view.canWrite).toBe(false);
      expect(view.closesAt).toBeInstanceOf(Date);
      expect(view.messages.map((m) => m.body)).toEqual(["sorry", "before"]);
    }
  });

  it("sends are rate-limited per person (TOO_MANY_REQUESTS after the policy's points)", async () => {
    const rig = await conversationRig(app);
    for (let i = 0; i < 5; i += 1) {
      await rig.menteeCaller.messages.send({ conversationId: rig.conversationId, body: `m${i}` });
    }
    expect(
      await codeOf(
        rig.menteeCaller.messages.send({ conversationId: rig.conversationId, body: "m5" }),
      ),
    ).toBe("TOO_MANY_REQUESTS");
    expect(await app.prisma.message.count({ where: { conversationId: rig.conversationId } })).toBe(
      5,
    );
    // The mentor has their own budget.
    expect(
      await codeOf(
        rig.mentorCaller.messages.send({ conversationId: rig.conversationId, body: "ok" }),
      ),
    ).toBe("OK");
  });

  it("refuses an empty message and one over 4000 characters", async () => {
    const rig = await conversationRig(app);
    expect(
      await codeOf(
        rig.menteeCaller.messages.send({ conversationId: rig.conversationId, body: "   " }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        rig.menteeCaller.messages.send({
          conversationId: rig.conversationId,
          body: "x".repeat(4001),
        }),
      ),
    ).toBe("BAD_REQUEST");
  });
});

describe("attachments", () => {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

  it("re-encodes an image to WebP within 1600 px with no metadata, served to participants only", async () => {
    const rig = await conversationRig(app);
    const original = await jpegWithPrivateMetadata();
    const { messageId } = await rig.menteeCaller.messages.send({
      conversationId: rig.conversationId,
      body: "",
      attachment: `data:image/jpeg;base64,${base64(original)}`,
    });
    const row = await app.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(row.attachmentKey).toMatch(/^message-attachments\/[0-9a-f]{32}\.webp$/);
    const stored = await app.files.get(row.attachmentKey!);
    const meta = await sharp(stored!.bytes).metadata();
    expect(meta.format).toBe("webp");
    expect([meta.width, meta.height]).toEqual([320, 240]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    const text = Buffer.from(stored!.bytes).toString("latin1");
    expect(text).not.toContain(secretCopyright);
    expect(text).not.toContain(secretXmpLocation);

    const big = await rig.mentorCaller.messages.send({
      conversationId: rig.conversationId,
      body: "a large one",
      attachment: base64(await solidPng(4000, 1000)),
    });
    const bigRow = await app.prisma.message.findUniqueOrThrow({ where: { id: big.messageId } });
    expect([bigRow.attachmentWidth, bigRow.attachmentHeight]).toEqual([1600, 400]);
    await runImageChecks();

    const view = await rig.mentorCaller.messages.get({ conversationId: rig.conversationId });
    expect(view.messages[1]!.attachment?.url).toBe(
      `/messages/${rig.conversationId}/attachments/${messageId}`,
    );
  });

  it("refuses an image over 5 MB, and anything that is not JPEG, PNG or WebP", async () => {
    const rig = await conversationRig(app);
    const send = (attachment: string) =>
      codeOf(
        rig.menteeCaller.messages.send({
          conversationId: rig.conversationId,
          body: "x",
          attachment,
        }),
      );
    // A real image one byte over 5 MB (trailing bytes after the PNG's end).
    const png = await noisePng(1_000_000);
    const tooLarge = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 + 1 - png.byteLength)]);
    expect(await send(base64(tooLarge))).toBe("ATTACHMENT_TOO_LARGE");
    expect(await send(base64(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj")))).toBe(
      "ATTACHMENT_UNSUPPORTED_TYPE",
    );
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .gif()
      .toBuffer();
    expect(await send(base64(gif))).toBe("ATTACHMENT_UNSUPPORTED_TYPE");
    // PNG magic bytes on garbage: the decoder refuses it.
    const fake = Buffer.concat([(await solidPng(8, 8)).subarray(0, 16), Buffer.alloc(64, 7)]);
    expect(await send(base64(fake))).toBe("ATTACHMENT_UNREADABLE");
    expect(await app.prisma.message.count({ where: { conversationId: rig.conversationId } })).toBe(
      0,
    );
  });
});

describe("read receipts", () => {
  it("marks what each participant has seen; the author sees 'seen' and the list counts unread", async () => {
    const rig = await conversationRig(app);
    const first = await rig.menteeCaller.messages.send({
      conversationId: rig.conversationId,
      body: "one",
    });
    const second = await rig.menteeCaller.messages.send({
      conversationId: rig.conversationId,
      body: "two",
    });

    const unreadFor = async (caller: typeof rig.mentorCaller) =>
      (await caller.messages.list()).items.find((c) => c.id === rig.conversationId)?.unread;
    expect(await unreadFor(rig.mentorCaller)).toBe(2);
    expect(await unreadFor(rig.menteeCaller)).toBe(0);

    const seen = async () =>
      (await rig.menteeCaller.messages.get({ conversationId: rig.conversationId })).messages.map(
        (m) => [m.body, m.seen],
      );
    expect(await seen()).toEqual([
      ["two", false],
      ["one", false],
    ]);

    await rig.mentorCaller.messages.markRead({
      conversationId: rig.conversationId,
      messageId: first.messageId,
    });
    expect(await seen()).toEqual([
      ["two", false],
      ["one", true],
    ]);
    expect(await unreadFor(rig.mentorCaller)).toBe(1);

    await rig.mentorCaller.messages.markRead({
      conversationId: rig.conversationId,
      messageId: second.messageId,
    });
    // Never moves back.
    await rig.mentorCaller.messages.markRead({
      conversationId: rig.conversationId,
      messageId: first.messageId,
    });
    expect(await seen()).toEqual([
      ["two", true],
      ["one", true],
    ]);
    expect(await unreadFor(rig.mentorCaller)).toBe(0);
    // The mentee's page hears the receipt.
    const toMentee = await app.prisma.realtimeMessage.count({
      where: { userId: rig.mentee.id, topic: "conversation", ref: rig.conversationId },
    });
    expect(toMentee).toBe(4);
  });
});

describe("pages", () => {
  it("pages through a long conversation newest first with a cursor", async () => {
    const rig = await conversationRig(app);
    const base = Date.now() - 3_600_000;
    await app.prisma.message.createMany({
      data: Array.from({ length: 35 }, (_, i) => ({
        conversationId: rig.conversationId,
        senderId: rig.mentee.id,
        body: `n${i}`,
        createdAt: new Date(base + i * 1000),
      })),
    });
    const first = await rig.mentorCaller.messages.get({ conversationId: rig.conversationId });
    expect(first.messages).toHaveLength(30);
    expect(first.messages[0]!.body).toBe("n34");
    const second = await rig.mentorCaller.messages.get({
      conversationId: rig.conversationId,
      cursor: first.nextCursor!,
    });
    expect(second.messages.map((m) => m.body)).toEqual(["n4", "n3", "n2", "n1", "n0"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("reports and moderation", () => {
  it("a recipient reports a message; an admin hides it for everyone (audited)", async () => {
    const rig = await conversationRig(app);
    const { messageId } = await rig.mentorCaller.messages.send({
      conversationId: rig.conversationId,
      body: "call me on my private number",
    });
    // The author cannot report their own message.
    expect(await codeOf(rig.mentorCaller.messages.report({ messageId }))).toBe("BAD_REQUEST");
    const { reportId } = await rig.menteeCaller.messages.report({
      messageId,
      reason: "off-platform",
    });
    // Reporting again keeps the first report.
    expect(await rig.menteeCaller.messages.report({ messageId })).toEqual({ reportId });

    const adminUser = await app.prisma.user.create({
      data: {
        id: `admin-${reportId}`,
        name: "Ada Admin",
        email: `admin-${reportId}@t.test`,
        role: "ADMIN",
      },
    });
    const admin = await callerAs(app, adminUser.id);
    const queue = await admin.admin.messageReports.list();
    const item = queue.items.find((r) => r.id === reportId);
    expect(item?.message.body).toBe("call me on my private number");
    expect(item?.reason).toBe("off-platform");

    expect(await admin.admin.messageReports.decide({ reportId, decision: "hide" })).toEqual({
      status: "HIDDEN",
    });
    expect(await codeOf(admin.admin.messageReports.decide({ reportId, decision: "dismiss" }))).toBe(
      "CONFLICT",
    );
    const view = await rig.menteeCaller.messages.get({ conversationId: rig.conversationId });
    expect(view.messages[0]).toMatchObject({ id: messageId, hidden: true, body: null });
    expect(
      await app.prisma.auditLog.count({ where: { action: "message.hide", targetId: messageId } }),
    ).toBe(1);
    expect(
      await app.prisma.domainEvent.count({ where: { type: "message.reported" } }),
    ).toBeGreaterThan(0);
  });

  it("the moderation hook can refuse a message or send it to review", async () => {
    const { sendMessage } = await import("./send-message.ts");
    const rig = await conversationRig(app);
    const input = {
      senderId: rig.mentee.id,
      conversationId: rig.conversationId,
      body: "bad words",
    };
    expect(
      await codeOf(sendMessage(app, input, { moderate: async () => ({ verdict: "block" }) })),
    ).toBe("MESSAGE_REJECTED");
    expect(await app.prisma.message.count({ where: { conversationId: rig.conversationId } })).toBe(
      0,
    );

    const { messageId } = await sendMessage(app, input, {
      moderate: async () => ({ verdict: "review", reason: "profanity" }),
    });
    const reports = await app.prisma.messageReport.findMany({ where: { messageId } });
    expect(reports).toMatchObject([
      { source: "MODERATION", reporterId: null, reason: "profanity" },
    ]);
  });
});

describe("AI moderation of messages", () => {
  const pixel = async () =>
    (
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0a0" } })
        .png()
        .toBuffer()
    ).toString("base64");

  it("a text the provider blocks is refused with MESSAGE_REJECTED and nothing is stored", async () => {
    const rig = await conversationRig(app);
    const before = ai.calls.text.length;
    expect(
      await codeOf(
        rig.menteeCaller.messages.send({
          conversationId: rig.conversationId,
          body: "pay me outside the platform [block]",
        }),
      ),
    ).toBe("MESSAGE_REJECTED");
    expect(ai.calls.text.slice(before)).toEqual(["pay me outside the platform [block]"]);
    expect(await app.prisma.message.count({ where: { conversationId: rig.conversationId } })).toBe(
      0,
    );
    expect(
      await app.prisma.domainEvent.count({
        where: {
          type: "message.sent",
          data: { path: ["conversationId"], equals: rig.conversationId },
        },
      }),
    ).toBe(0);
  });

  it("a text sent to review is delivered and queued for the admins as a MODERATION report", async () => {
    const rig = await conversationRig(app);
    const { messageId } = await rig.mentorCaller.messages.send({
      conversationId: rig.conversationId,
      body: "this is borderline [review]",
    });
    const view = await rig.menteeCaller.messages.get({ conversationId: rig.conversationId });
    expect(view.messages.map((m) => m.id)).toEqual([messageId]);
    const reports = await app.prisma.messageReport.findMany({ where: { messageId } });
    expect(reports).toMatchObject([
      {
        source: "MODERATION",
        reporterId: null,
        status: "OPEN",
        reason: "text: solicitation (fake)",
      },
    ]);
    const reported = await app.prisma.domainEvent.findMany({
      where: { type: "message.reported", data: { path: ["messageId"], equals: messageId } },
    });
    expect(reported.map((event) => event.data)).toMatchObject([
      { source: "MODERATION", reporterId: null },
    ]);
    // A clean one is neither refused nor reported.
    const clean = await rig.mentorCaller.messages.send({
      conversationId: rig.conversationId,
      body: "see you on Tuesday",
    });
    expect(await app.prisma.messageReport.count({ where: { messageId: clean.messageId } })).toBe(0);
  });

  const imageOf = async (caller: Awaited<ReturnType<typeof callerAs>>, conversationId: string) =>
    (await caller.messages.get({ conversationId })).messages[0]!;
  const served = async (userId: string, conversationId: string, messageId: string) => {
    const { messageAttachmentForContext } = await import("./reports.ts");
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    const response = await messageAttachmentForContext(
      { services: app, session: { user } as never, requestId: "test" },
      conversationId,
      messageId,
      new Request("http://localhost/"),
    );
    return response.status;
  };
  const realtimeCount = (ref: string) =>
    app.prisma.realtimeMessage.count({ where: { topic: "conversation", ref } });

  it("an image is withheld from the other participants until the worker's job allows it", async () => {
    const rig = await conversationRig(app);
    const imagesBefore = ai.calls.images;
    const { messageId } = await rig.menteeCaller.messages.send({
      conversationId: rig.conversationId,
      body: "look at this",
      attachment: await pixel(),
    });
    // Not checked on send: the web process never runs the image model.
    expect(ai.calls.images).toBe(imagesBefore);
    const row = await app.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(row.attachmentState).toBe("PENDING");
    const mentorBefore = await imageOf(rig.mentorCaller, rig.conversationId);
    expect([mentorBefore.body, mentorBefore.attachment]).toEqual(["look at this", null]);
    expect((await imageOf(rig.menteeCaller, rig.conversationId)).attachment).toMatchObject({
      pending: true,
    });
    expect(await served(rig.mentor.id, rig.conversationId, messageId)).toBe(404);
    expect(await served(rig.mentee.id, rig.conversationId, messageId)).toBe(200);
    const previewOf = async (caller: Awaited<ReturnType<typeof callerAs>>) =>
      (await caller.messages.list()).items.find((c) => c.id === rig.conversationId)?.lastMessage;
    expect((await previewOf(rig.mentorCaller))?.hasAttachment).toBe(false);
    expect((await previewOf(rig.menteeCaller))?.hasAttachment).toBe(true);

    const published = await realtimeCount(rig.conversationId);
    expect(await runImageChecks()).toBe(1);
    expect(ai.calls.images).toBe(imagesBefore + 1);
    expect((await imageOf(rig.mentorCaller, rig.conversationId)).attachment).toMatchObject({
      url: `/messages/${rig.conversationId}/attachments/${messageId}`,
      pending: false,
    });
    expect(await served(rig.mentor.id, rig.conversationId, messageId)).toBe(200);
    expect((await previewOf(rig.mentorCaller))?.hasAttachment).toBe(true);
    expect(await realtimeCount(rig.conversationId)).toBeGreaterThan(published);
    expect(await app.prisma.messageReport.count({ where: { messageId } })).toBe(0);
  });

  it("a review verdict releases the image and reports it; a retry changes nothing", async () => {
    const rig = await conversationRig(app);
    try {
      ai.imageVerdict = "review";
      const { messageId } = await rig.menteeCaller.messages.send({
        conversationId: rig.conversationId,
        body: "",
        attachment: await pixel(),
      });
      expect(await runImageChecks()).toBe(1);
      expect((await imageOf(rig.mentorCaller, rig.conversationId)).attachment).not.toBeNull();
      expect(await app.prisma.messageReport.findMany({ where: { messageId } })).toMatchObject([
        { source: "MODERATION", reporterId: null, reason: "image: solicitation (fake)" },
      ]);
      // A retried (or twice delivered) job: no second check, report or publication.
      const imagesBefore = ai.calls.images;
      const published = await realtimeCount(rig.conversationId);
      ai.imageVerdict = "block";
      expect(await moderateAttachment(app, messageId)).toBe("not-pending");
      expect(ai.calls.images).toBe(imagesBefore);
      expect(await app.prisma.messageReport.count({ where: { messageId } })).toBe(1);
      expect(await realtimeCount(rig.conversationId)).toBe(published);
      const after = await app.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
      expect(after.attachmentState).toBe("ALLOWED");
    } finally {
      ai.imageVerdict = "allow";
    }
  });

  it("a blocked image stays withheld for good, the text stays, the sender is told and admins get a report", async () => {
    const rig = await conversationRig(app);
    try {
      ai.imageVerdict = "block";
      const { messageId } = await rig.menteeCaller.messages.send({
        conversationId: rig.conversationId,
        body: "look at this",
        attachment: await pixel(),
      });
      const published = await realtimeCount(rig.conversationId);
      expect(await runImageChecks()).toBe(1);
      expect(await realtimeCount(rig.conversationId)).toBeGreaterThan(published);
      const mentorView = await imageOf(rig.mentorCaller, rig.conversationId);
      expect([mentorView.body, mentorView.attachment, mentorView.attachmentBlocked]).toEqual([
        "look at this",
        null,
        false,
      ]);
      const menteeView = await imageOf(rig.menteeCaller, rig.conversationId);
      expect([menteeView.attachment, menteeView.attachmentBlocked]).toEqual([null, true]);
      expect(await served(rig.mentor.id, rig.conversationId, messageId)).toBe(404);
      expect(await served(rig.mentee.id, rig.conversationId, messageId)).toBe(404);
      expect(await app.prisma.messageReport.findMany({ where: { messageId } })).toMatchObject([
        { source: "MODERATION", reason: "image: solicitation (fake)" },
      ]);
      // A retry never releases it.
      ai.imageVerdict = "allow";
      expect(await moderateAttachment(app, messageId)).toBe("not-pending");
      expect((await imageOf(rig.mentorCaller, rig.conversationId)).attachment).toBeNull();
    } finally {
      ai.imageVerdict = "allow";
    }
  });

  it("a non-participant never gets the image, before or after the check", async () => {
    const rig = await conversationRig(app);
    const { messageId } = await rig.mentorCaller.messages.send({
      conversationId: rig.conversationId,
      body: "",
      attachment: await pixel(),
    });
    const other = await createBookingFixture(app.prisma, {
      startsAt: new Date(Date.now() + 86_400_000),
    });
    expect(await served(other.mentee.id, rig.conversationId, messageId)).toBe(404);
    expect(await runImageChecks()).toBe(1);
    expect(await served(other.mentee.id, rig.conversationId, messageId)).toBe(404);
    expect(await served(rig.mentee.id, rig.conversationId, messageId)).toBe(200);
  });
});

describe("people's data", () => {
  it("the export carries the messages a person wrote; deleting the account erases their text and images", async () => {
    const { buildDataExport, deleteAccount, readDataExport } = await import("../account/index.ts");
    const { strFromU8, unzipSync } = await import("fflate");
    const rig = await conversationRig(app);
    // A past session: nothing left to cancel, so the account can go at once.
    await app.prisma.mentoringSession.update({
      where: { id: rig.session.id },
      data: {
        startsAt: new Date(Date.now() - 3 * 86_400_000),
        endsAt: new Date(Date.now() - 3 * 86_400_000 + 3_600_000),
        blockedUntil: new Date(Date.now() - 3 * 86_400_000 + 3_600_000),
      },
    });
    await app.prisma.booking.update({
      where: { id: rig.booking.id },
      data: { status: "COMPLETED" },
    });
    const mine = await rig.menteeCaller.messages.send({
      conversationId: rig.conversationId,
      body: "my private words",
      attachment: Buffer.from(await solidPng(40, 40)).toString("base64"),
    });
    await rig.mentorCaller.messages.send({ conversationId: rig.conversationId, body: "theirs" });

    const exportRow = await app.prisma.dataExport.create({
      data: { userId: rig.mentee.id, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    await buildDataExport(app, exportRow.id);
    const file = await readDataExport(app, { exportId: exportRow.id, userId: rig.mentee.id });
    const entries = unzipSync(file?.bytes ?? new Uint8Array());
    const exported = JSON.parse(strFromU8(entries["messages.json"] ?? new Uint8Array()));
    expect(exported).toMatchObject([
      { id: mine.messageId, body: "my private words", hadImage: true, bookingId: rig.booking.id },
    ]);

    const { attachmentKey } = await app.prisma.message.findUniqueOrThrow({
      where: { id: mine.messageId },
    });
    expect(await app.files.exists(attachmentKey!)).toBe(true);
    await deleteAccount(app, { userId: rig.mentee.id, ip: null, userAgent: null });
    const erased = await app.prisma.message.findUniqueOrThrow({ where: { id: mine.messageId } });
    expect([erased.body, erased.attachmentKey]).toEqual(["", null]);
    expect(await app.files.exists(attachmentKey!)).toBe(false);
    // The mentor's side of the conversation stays.
    const view = await rig.mentorCaller.messages.get({ conversationId: rig.conversationId });
    expect(view.messages.map((m) => m.body)).toEqual(["theirs", ""]);
  });
});

describe("typing indication", () => {
  it("reaches the other participant only, and only from someone who may write", async () => {
    const rig = await conversationRig(app);
    await rig.menteeCaller.messages.typing({ conversationId: rig.conversationId });
    const rows = await app.prisma.realtimeMessage.findMany({
      where: { topic: "conversation.typing", ref: rig.conversationId },
    });
    expect(rows.map((r) => r.userId)).toEqual([rig.mentor.id]);

    const other = await createBookingFixture(app.prisma, {
      startsAt: new Date(Date.now() + 86_400_000),
    });
    const stranger = await callerAs(app, other.mentee.id);
    expect(await codeOf(stranger.messages.typing({ conversationId: rig.conversationId }))).toBe(
      "NOT_FOUND",
    );
    await rig.mentorCaller.mentorBlocks.block({ bookingId: rig.booking.id });
    expect(
      await codeOf(rig.menteeCaller.messages.typing({ conversationId: rig.conversationId })),
    ).toBe("CONVERSATION_CLOSED");
  });
});

describe("my conversations", () => {
  it("lists the most recently active first, in cursor pages", async () => {
    const { listConversations } = await import("./read-conversation.ts");
    const first = await conversationRig(app);
    // Two more bookings of the same mentee with other mentors.
    const others = [];
    for (let i = 0; i < 2; i += 1) {
      const fixture = await createBookingFixture(app.prisma, {
        startsAt: new Date(Date.now() + 86_400_000),
        title: `Topic ${i}`,
      });
      await app.prisma.booking.update({
        where: { id: fixture.booking.id },
        data: { menteeId: first.mentee.id },
      });
      others.push(await first.menteeCaller.messages.open({ bookingId: fixture.booking.id }));
    }
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const ids = [first.conversationId, others[0]!.conversationId, others[1]!.conversationId];
    for (const [index, minutesAgo] of [30, 10, 20].entries()) {
      await app.prisma.conversation.update({
        where: { id: ids[index] },
        data: { lastMessageAt: at(minutesAgo) },
      });
    }
    const page1 = await listConversations(app.prisma, { userId: first.mentee.id, limit: 2 });
    expect(page1.items.map((c) => c.id)).toEqual([ids[1], ids[2]]);
    const page2 = await listConversations(app.prisma, {
      userId: first.mentee.id,
      limit: 2,
      cursor: page1.nextCursor!,
    });
    expect(page2.items.map((c) => c.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeNull();
  });
});
