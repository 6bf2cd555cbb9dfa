import type { EmailMessage } from "@mentora/email";
import { EmailDeliveryError } from "@mentora/email";
import { describe, expect, it, vi } from "vitest";
import type { AppServices } from "../app/types.ts";
import { sendEmailJob } from "./send-email.job.ts";
import { emailDeadLetterQueue, maxEmailAttachmentBytes } from "./send-email.queue.ts";

const message = {
  to: "someone@school.example",
  subject: "Hello",
  text: "Hello",
  html: "<p>Hello</p>",
};

function fakeServices(send: (message: EmailMessage) => Promise<void>) {
  const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  const services = { email: { kind: "outbox", send: vi.fn(send) }, logger };
  return { services: services as unknown as AppServices, logger, send: services.email.send };
}

describe("sendEmailJob", () => {
  it("is dead-lettered to the queue the worker creates", () => {
    expect(sendEmailJob.name).toBe("email.send");
    expect(sendEmailJob.queue.deadLetter).toBe(emailDeadLetterQueue);
    expect(sendEmailJob.queue.retryLimit).toBe(5);
  });

  it("validates the recipient address", () => {
    expect(sendEmailJob.schema.safeParse({ ...message, to: "not-an-email" }).success).toBe(false);
    expect(sendEmailJob.schema.safeParse(message).success).toBe(true);
  });

  it("sends the email through the app's transport", async () => {
    const { services, send } = fakeServices(async () => {});
    await sendEmailJob.handle(message, services, { jobId: "job-1" });
    expect(send).toHaveBeenCalledWith(message);
  });

  it("decodes base64 attachments to bytes for the transport", async () => {
    const { services, send } = fakeServices(async () => {});
    const ics = "BEGIN:VCALENDAR\r\nSUMMARY:Café, crème\r\nEND:VCALENDAR\r\n";
    const attachment = {
      filename: "invite.ics",
      contentType: "text/calendar; charset=utf-8; method=REQUEST",
      contentBase64: Buffer.from(ics).toString("base64"),
    };
    const data = sendEmailJob.schema.parse({ ...message, attachments: [attachment] });

    await sendEmailJob.handle(data, services, { jobId: "job-1" });

    const sent = send.mock.calls[0]?.[0];
    expect(sent?.attachments).toHaveLength(1);
    const [delivered] = sent?.attachments ?? [];
    expect(delivered).toMatchObject({
      filename: "invite.ics",
      contentType: attachment.contentType,
    });
    expect(delivered?.content).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(delivered?.content as Uint8Array).toString("utf8")).toBe(ics);
  });

  it("takes a transport-style attachment (text or bytes) and stores it as base64", () => {
    const data = sendEmailJob.schema.parse({
      ...message,
      attachments: [
        { filename: "a.txt", contentType: "text/plain", content: "héllo" },
        {
          filename: "b.bin",
          contentType: "application/octet-stream",
          content: Buffer.from([0, 255]),
        },
      ],
    });
    expect(data.attachments).toEqual([
      {
        filename: "a.txt",
        contentType: "text/plain",
        contentBase64: Buffer.from("héllo").toString("base64"),
      },
      { filename: "b.bin", contentType: "application/octet-stream", contentBase64: "AP8=" },
    ]);
    // Stored job data is JSON: parsing it again (as the worker does) gives the same.
    expect(sendEmailJob.schema.parse(JSON.parse(JSON.stringify(data)))).toEqual(data);
  });

  it("bounds attachments: at most 5, each at most 1 MB decoded, valid base64 and safe names", () => {
    const valid = { filename: "a.ics", contentType: "text/calendar", contentBase64: "QUJD" };
    const accepts = (attachments: unknown[]) =>
      sendEmailJob.schema.safeParse({ ...message, attachments }).success;

    expect(accepts([valid])).toBe(true);
    expect(accepts(Array.from({ length: 5 }, () => valid))).toBe(true);
    expect(accepts(Array.from({ length: 6 }, () => valid))).toBe(false);
    const exactlyMax = Buffer.alloc(maxEmailAttachmentBytes).toString("base64");
    const tooBig = Buffer.alloc(maxEmailAttachmentBytes + 1).toString("base64");
    expect(accepts([{ ...valid, contentBase64: exactlyMax }])).toBe(true);
    expect(accepts([{ ...valid, contentBase64: tooBig }])).toBe(false);
    expect(accepts([{ ...valid, contentBase64: "not base64!" }])).toBe(false);
    expect(accepts([{ ...valid, filename: "../etc/passwd" }])).toBe(false);
    expect(accepts([{ ...valid, filename: "a.ics\r\nBcc: x@y.z" }])).toBe(false);
    expect(accepts([{ ...valid, contentType: "text/calendar\r\nX: y" }])).toBe(false);
  });

  it("logs a permanent rejection with the recipient's domain only, then rethrows", async () => {
    const rejection = new EmailDeliveryError("Email delivery failed (reply 550), permanently", {
      retryable: false,
      responseCode: 550,
    });
    const { services, logger } = fakeServices(async () => {
      throw rejection;
    });

    await expect(sendEmailJob.handle(message, services, { jobId: "job-1" })).rejects.toBe(
      rejection,
    );

    expect(logger.error).toHaveBeenCalledTimes(1);
    const [fields] = logger.error.mock.calls[0] ?? [];
    expect(fields).toMatchObject({ recipientDomain: "school.example", responseCode: 550 });
    expect(JSON.stringify(fields)).not.toContain("someone@");
  });

  it("rethrows a transient failure without an error log, so pg-boss retries it", async () => {
    const timeout = new EmailDeliveryError("Email delivery failed (ETIMEDOUT)", {
      retryable: true,
      code: "ETIMEDOUT",
    });
    const { services, logger } = fakeServices(async () => {
      throw timeout;
    });

    await expect(sendEmailJob.handle(message, services, { jobId: "job-1" })).rejects.toBe(timeout);
    expect(logger.error).not.toHaveBeenCalled();
  });
});
