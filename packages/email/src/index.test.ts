import { describe, expect, it } from "vitest";
import { createEmailTransport, type OutboxDb } from "./index.ts";

const email = { from: "Mentora <no-reply@mentora.test>", timeoutMs: 1000 };
// Neither transport touches the database until it sends.
const prisma = {} as OutboxDb;

describe("createEmailTransport", () => {
  it("uses the dev outbox when SMTP_URL is not set", () => {
    expect(
      createEmailTransport({ config: { email: { ...email, smtpUrl: undefined } }, prisma }).kind,
    ).toBe("outbox");
  });

  it("uses SMTP when SMTP_URL is set", async () => {
    const transport = createEmailTransport({
      config: { email: { ...email, smtpUrl: "smtp://127.0.0.1:2525" } },
      prisma,
    });
    expect(transport.kind).toBe("smtp");
    await transport.close?.();
  });
});
