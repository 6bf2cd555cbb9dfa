import { describe, expect, it, vi } from "vitest";
import type { JobServices } from "../jobs/define.ts";
import { EmailDeliveryError } from "./delivery-error.ts";
import { emailDeadLetterQueue, sendEmailJob } from "./send-email.job.ts";
import type { EmailMessage } from "./types.ts";

const message = {
  to: "someone@school.example",
  subject: "Hello",
  text: "Hello",
  html: "<p>Hello</p>",
};

function fakeServices(send: (message: EmailMessage) => Promise<void>) {
  const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  const services = { email: { kind: "outbox", send: vi.fn(send) }, logger };
  return { services: services as unknown as JobServices, logger, send: services.email.send };
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
