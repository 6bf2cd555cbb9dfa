import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./context.ts";
import { closeTestDb, createVerifiedUser, PASSWORD, testDb } from "./db.ts";

/**
 * Admin → Jobs of the BUILT server, over HTTP (no browser): only admins see it, a failed job
 * shows with its error, and the retry form puts it back in its queue with an audit row.
 */
const baseUrl = inject("webBaseUrl");
const queue = "e2e.admin-jobs";
let boss: PgBoss;

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

beforeAll(async () => {
  boss = new PgBoss({
    connectionString: inject("webDatabaseUrl"),
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.createQueue(queue, { retryLimit: 0 });
});
afterAll(async () => {
  await boss?.deleteQueue(queue);
  await boss?.stop({ graceful: false });
  await closeTestDb();
});

describe("/admin/jobs", () => {
  it("is refused to a signed-in user who is not an admin", async () => {
    await createVerifiedUser({ name: "Curious", email: "curious@jobs-e2e.test" });
    const cookie = await signIn("curious@jobs-e2e.test");
    const response = await fetch(`${baseUrl}/admin/jobs`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(queue);
  });

  it("shows a failed job with its error, and retries it from the form", async () => {
    const admin = await createVerifiedUser({ name: "Ops", email: "ops@jobs-e2e.test" });
    await testDb().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const cookie = await signIn("ops@jobs-e2e.test");

    const id = await boss.send(queue, { n: 1 });
    const [job] = await boss.fetch(queue);
    expect(job?.id).toBe(id);
    await boss.fail(queue, id!, { name: "Error", message: "SMTP said 451, try later" });

    const page = await fetch(`${baseUrl}/admin/jobs`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(queue);
    expect(html).toContain("SMTP said 451, try later");
    expect(html).toContain(id!);

    const form = new URLSearchParams({ intent: "retry", queue, id: id! });
    const retried = await fetch(`${baseUrl}/admin/jobs`, {
      method: "POST",
      headers: {
        cookie,
        origin: baseUrl,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: form,
    });
    expect(retried.status).toBe(200);
    expect((await boss.getJobById(queue, id!))?.state).toBe("retry");
    const audit = await testDb().auditLog.findFirst({ where: { targetId: id! } });
    expect(audit).toMatchObject({ action: "job.retry", actorId: admin.id });
  });
});
