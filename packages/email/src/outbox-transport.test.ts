import { createTestDatabase } from "@mentora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOutboxTransport,
  getOutboxEmail,
  listOutbox,
  type OutboxDb,
} from "./outbox-transport.ts";

let prisma: OutboxDb;
let drop: () => Promise<void> = async () => {};

beforeAll(async () => {
  // A database of its own, cloned from the migrated template: rows from other files never show.
  const database = await createTestDatabase();
  prisma = database.prisma;
  drop = database.drop;
});
afterAll(() => drop());

// Postgres timestamps are read back in milliseconds: keep consecutive emails apart in time.
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("outbox transport", () => {
  it("stores the email as a row, naming attachments in the text", async () => {
    const transport = createOutboxTransport(prisma);
    await transport.send({
      to: "row@example.test",
      subject: "Réservation confirmée",
      text: "Bonjour Chloé",
      html: "<p>Bonjour Chloé</p>",
      attachments: [
        { filename: "rendez-vous.ics", content: "BEGIN:VCALENDAR", contentType: "text/calendar" },
      ],
    });

    const [row] = await listOutbox(prisma, { to: "row@example.test" });
    expect(row).toMatchObject({
      to: "row@example.test",
      subject: "Réservation confirmée",
      html: "<p>Bonjour Chloé</p>",
    });
    expect(row?.text).toMatch(/^Bonjour Chloé\n\n.*rendez-vous\.ics/);
    expect(row?.text).not.toContain("BEGIN:VCALENDAR");
    expect(await getOutboxEmail(prisma, row!.id)).toEqual(row);
  });

  it("lists newest first, filtered by recipient, up to the limit", async () => {
    const transport = createOutboxTransport(prisma);
    for (const subject of ["first", "second", "third"]) {
      await transport.send({ to: "list@example.test", subject, text: subject, html: subject });
      await tick();
    }
    await transport.send({ to: "other@example.test", subject: "not mine", text: "-", html: "-" });

    const mine = await listOutbox(prisma, { to: "list@example.test" });
    expect(mine.map((email) => email.subject)).toEqual(["third", "second", "first"]);
    const latestTwo = await listOutbox(prisma, { to: "list@example.test", limit: 2 });
    expect(latestTwo.map((email) => email.subject)).toEqual(["third", "second"]);
    const everyone = await listOutbox(prisma);
    expect(everyone[0]?.subject).toBe("not mine");
    expect(everyone.map((email) => email.to)).toContain("list@example.test");
  });

  it("returns null for an unknown id", async () => {
    expect(await getOutboxEmail(prisma, "00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});
