import { afterEach, describe, expect, it } from "vitest";
import { EmailDeliveryError } from "./delivery-error.ts";
import { createSmtpTransport } from "./smtp-transport.ts";
import { headerParam, leafParts, parseMime } from "./testing/parse-mime.ts";
import { startSilentServer, startSmtpServer } from "./testing/smtp-servers.ts";
import type { EmailTransport } from "./types.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Transports first: the SMTP server's close waits for open connections to end.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends { close: () => Promise<void> }>(resource: T): T {
  cleanups.push(() => resource.close());
  return resource;
}

function transportFor(url: string, timeoutMs = 5000): EmailTransport {
  const transport = createSmtpTransport({
    url,
    from: "Mentora <no-reply@mentora.test>",
    timeoutMs,
  });
  cleanups.push(async () => transport.close?.());
  return transport;
}

async function rejectionOf(promise: Promise<unknown>): Promise<EmailDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EmailDeliveryError);
  return error as EmailDeliveryError;
}

describe("createSmtpTransport", () => {
  it("delivers From, To, an accented subject, text and html parts and an attachment", async () => {
    const server = track(await startSmtpServer());
    const transport = transportFor(server.url);

    await transport.send({
      to: "chloe@example.test",
      subject: "Réinitialisez votre mot de passe — Mentora",
      text: "Bonjour Chloé, voici votre lien.",
      html: "<p>Bonjour Chloé, voici votre <strong>lien</strong>.</p>",
      attachments: [
        {
          filename: "rendez-vous.ics",
          content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR",
          contentType: "text/calendar",
        },
        {
          filename: "note.txt",
          content: new TextEncoder().encode("élève"),
          contentType: "text/plain",
        },
      ],
    });

    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail?.mailFrom).toBe("no-reply@mentora.test");
    expect(mail?.rcptTo).toEqual(["chloe@example.test"]);

    const message = parseMime(mail!.raw);
    expect(message.headers.get("from")).toBe("Mentora <no-reply@mentora.test>");
    expect(message.headers.get("to")).toBe("chloe@example.test");
    expect(message.headers.get("subject")).toBe("Réinitialisez votre mot de passe — Mentora");

    const leaves = leafParts(message);
    const partOfType = (type: string) =>
      leaves.find(
        (part) =>
          part.headers.get("content-type")?.startsWith(type) &&
          !part.headers.get("content-disposition"),
      );
    expect(partOfType("text/plain")?.body.toString("utf8")).toBe(
      "Bonjour Chloé, voici votre lien.",
    );
    expect(partOfType("text/html")?.body.toString("utf8")).toBe(
      "<p>Bonjour Chloé, voici votre <strong>lien</strong>.</p>",
    );

    const attachments = leaves.filter((part) =>
      part.headers.get("content-disposition")?.startsWith("attachment"),
    );
    const byName = new Map(
      attachments.map((part) => [
        headerParam(part.headers.get("content-disposition"), "filename"),
        part,
      ]),
    );
    expect([...byName.keys()].sort()).toEqual(["note.txt", "rendez-vous.ics"]);
    expect(byName.get("rendez-vous.ics")?.body.toString("utf8")).toBe(
      "BEGIN:VCALENDAR\r\nEND:VCALENDAR",
    );
    expect(byName.get("note.txt")?.body.toString("utf8")).toBe("élève");
    expect(byName.get("rendez-vous.ics")?.headers.get("content-type")).toMatch(/^text\/calendar/);
  });

  it("reuses the pooled connection for a second email", async () => {
    const server = track(await startSmtpServer());
    const transport = transportFor(server.url);
    const message = { to: "a@example.test", subject: "One", text: "1", html: "<p>1</p>" };
    await transport.send(message);
    await transport.send({ ...message, subject: "Two" });
    expect(server.received.map((mail) => parseMime(mail.raw).headers.get("subject"))).toEqual([
      "One",
      "Two",
    ]);
  });

  it("rejects with a retryable error when the server never greets, within the timeout", async () => {
    const server = track(await startSilentServer());
    const transport = transportFor(server.url, 500);
    const started = performance.now();

    const error = await rejectionOf(
      transport.send({ to: "a@example.test", subject: "Hi", text: "Hi", html: "<p>Hi</p>" }),
    );

    expect(performance.now() - started).toBeLessThan(2500);
    expect(error.retryable).toBe(true);
    expect(error.code).toBe("ETIMEDOUT");
  });

  it("rejects with a retryable error when nothing listens on the port", async () => {
    const server = await startSilentServer();
    await server.close();
    const transport = transportFor(server.url, 500);

    const error = await rejectionOf(
      transport.send({ to: "a@example.test", subject: "Hi", text: "Hi", html: "<p>Hi</p>" }),
    );

    expect(error.retryable).toBe(true);
    expect(error.code).toBe("ESOCKET");
  });

  it("rejects with a non-retryable error, free of the address, when RCPT gets a 550", async () => {
    const server = track(await startSmtpServer({ rejectRecipientWith: 550 }));
    const transport = transportFor(server.url);

    const error = await rejectionOf(
      transport.send({ to: "gone@example.test", subject: "Hi", text: "Hi", html: "<p>Hi</p>" }),
    );

    expect(error.retryable).toBe(false);
    expect(error.responseCode).toBe(550);
    expect(error.message).toContain("550");
    expect(error.message).not.toContain("gone@example.test");
    expect(server.received).toHaveLength(0);
  });

  it("treats a 4xx reply to RCPT as retryable", async () => {
    const server = track(await startSmtpServer({ rejectRecipientWith: 450 }));
    const transport = transportFor(server.url);

    const error = await rejectionOf(
      transport.send({ to: "busy@example.test", subject: "Hi", text: "Hi", html: "<p>Hi</p>" }),
    );

    expect(error.retryable).toBe(true);
    expect(error.responseCode).toBe(450);
  });
});
