import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { baseUrl } from "./browser.ts";
import { closeTestDb, createVerifiedUser, PASSWORD, testDb } from "./db.ts";

// People's data over HTTP against the built server and a real worker: a data export asked for
// on the account page, built by the job and downloaded by its owner only; then the account
// deleted from the same page, after which neither the cookie nor the password works.

afterAll(closeTestDb);

async function signIn(email: string, password = PASSWORD): Promise<Response> {
  return fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password }),
  });
}

async function cookieOf(email: string): Promise<string> {
  const response = await signIn(email);
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function postAccountForm(cookie: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${baseUrl()}/account`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie,
      origin: baseUrl(),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields).toString(),
  });
}

async function waitForReadyExport(userId: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const row = await testDb().dataExport.findFirst({ where: { userId, status: "READY" } });
    if (row) return row;
    if (Date.now() > deadline) throw new Error("the data export was not built within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("people's data over HTTP", () => {
  it("exports a person's data for them only, then deletes the account for good", async () => {
    const owner = await createVerifiedUser({ name: "Olga Owner", email: "olga@people-e2e.test" });
    await createVerifiedUser({ name: "Sam Stranger", email: "sam@people-e2e.test" });
    const ownerCookie = await cookieOf("olga@people-e2e.test");
    const strangerCookie = await cookieOf("sam@people-e2e.test");

    const asked = await postAccountForm(ownerCookie, { intent: "export" });
    expect(asked.status).toBe(200);
    const ready = await waitForReadyExport(owner.id);
    const zipUrl = `${baseUrl()}/account/exports/${ready.id}.zip`;

    const download = await fetch(zipUrl, { headers: { cookie: ownerCookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    expect(download.headers.get("content-disposition")).toMatch(
      /^attachment; filename="mentora-data-/,
    );
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    const profile = JSON.parse(strFromU8(files["profile.json"] ?? new Uint8Array()));
    expect(profile).toMatchObject({
      id: owner.id,
      email: "olga@people-e2e.test",
      name: "Olga Owner",
    });

    // Another signed-in person gets the same 404 as an unknown id; anonymous visitors sign in.
    expect((await fetch(zipUrl, { headers: { cookie: strangerCookie } })).status).toBe(404);
    const unknown = `${baseUrl()}/account/exports/00000000-0000-4000-8000-000000000000.zip`;
    expect((await fetch(unknown, { headers: { cookie: ownerCookie } })).status).toBe(404);
    const anonymous = await fetch(zipUrl, { redirect: "manual" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/sign-in\?redirectTo=/);

    // A wrong password deletes nothing and says why on the page.
    const refused = await postAccountForm(ownerCookie, {
      intent: "delete",
      confirmEmail: "olga@people-e2e.test",
      password: "not my password",
    });
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain("This password is not correct.");
    expect(
      (await testDb().user.findUniqueOrThrow({ where: { id: owner.id } })).deletedAt,
    ).toBeNull();

    const deleted = await postAccountForm(ownerCookie, {
      intent: "delete",
      confirmEmail: "olga@people-e2e.test",
      password: PASSWORD,
    });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe("/?accountDeleted=1");
    const user = await testDb().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user.deletedAt).not.toBeNull();
    expect(user.email).not.toBe("olga@people-e2e.test");
    // The export went with the account; the old cookie and the password open nothing.
    expect(await testDb().dataExport.count({ where: { userId: owner.id } })).toBe(0);
    expect(
      (await fetch(zipUrl, { headers: { cookie: ownerCookie }, redirect: "manual" })).status,
    ).toBe(303);
    const account = await fetch(`${baseUrl()}/account`, {
      headers: { cookie: ownerCookie },
      redirect: "manual",
    });
    expect(account.status).toBe(302);
    expect((await signIn("olga@people-e2e.test")).status).toBe(401);
  });
});
