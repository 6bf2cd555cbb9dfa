import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Locale, messages } from "@mentora/i18n";
import { afterAll, describe, expect, inject, it } from "vitest";
import "./context.ts";
import { closeTestDb, createVerifiedUser, PASSWORD, testDb } from "./db.ts";

/**
 * What the BUILT app sends the browser of its messages (decision 024): a page's HTML carries the
 * viewer's locale only, and only the namespaces the page names; no script carries a catalogue.
 */
const baseUrl = inject("webBaseUrl");
afterAll(() => closeTestDb());

/** Every string of a namespace. */
function allStrings(locale: Locale, namespace: string): string[] {
  const [top = "", sub] = namespace.split(".");
  const tree = sub
    ? (messages[locale] as unknown as Record<string, Record<string, unknown>>)[top]?.[sub]
    : (messages[locale] as unknown as Record<string, unknown>)[top];
  const leaves = (node: unknown): string[] =>
    typeof node === "string"
      ? [node]
      : Object.values(node as Record<string, unknown>).flatMap(leaves);
  return leaves(tree);
}

/** The strings of a namespace that appear verbatim when sent (plain text, long enough). */
function plainStrings(locale: Locale, namespace: string): string[] {
  return allStrings(locale, namespace).filter(
    (text) => text.length >= 16 && /^[\p{L}\d ,.!?()-]+$/u.test(text),
  );
}

/** Strings of `locale` that the other locale words differently (so their presence is a leak). */
function onlyIn(locale: Locale, namespace: string): string[] {
  const other = new Set(plainStrings(locale === "en" ? "fr" : "en", namespace));
  return plainStrings(locale, namespace).filter((text) => !other.has(text));
}

/** Strings of a namespace the page must not carry: none of them is worded the same in `sent`. */
function foreign(locale: Locale, namespace: string, sent: string[]): string[] {
  const allowed = sent.flatMap((name) => allStrings(locale, name));
  // A text another sent message quotes (an error naming a button's label) is sent with it.
  return plainStrings(locale, namespace).filter(
    (text) => !allowed.some((other) => other.includes(text)),
  );
}

const shared = ["common", "errors", "web.layout", "web.errorPage", "web.home", "web.meta"];

async function page(pathname: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${baseUrl}${pathname}`, { headers, redirect: "manual" });
  expect(response.status, pathname).toBe(200);
  return response.text();
}

async function adminCookie(): Promise<string> {
  const admin = await createVerifiedUser({ name: "Ada Admin", email: "ada@i18n-e2e.test" });
  await testDb().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: "ada@i18n-e2e.test", password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe("messages sent to the browser", () => {
  it("a French visitor's sign-in page carries French sign-in messages only", async () => {
    const html = await page("/sign-in", { "accept-language": "fr" });
    const ownFrench = onlyIn("fr", "web.signIn");
    expect(ownFrench.length).toBeGreaterThan(0);
    for (const text of ownFrench) expect(html).toContain(text);
    for (const text of onlyIn("en", "web.signIn")) expect(html).not.toContain(text);
    // Other pages' and areas' messages, and the e-mails', stay on the server.
    const sent = [...shared, "web.signIn", "web.authErrors", "web.form"];
    for (const namespace of ["web.adminPayments", "web.mentorPayouts", "web.wallet", "email"]) {
      for (const text of [...foreign("fr", namespace, sent), ...foreign("en", namespace, [])]) {
        expect(html, namespace).not.toContain(text);
      }
    }
  });

  it("an admin page carries its own namespaces, in the admin's locale", async () => {
    const cookie = await adminCookie();
    const html = await page("/admin/payments", { cookie, "accept-language": "en" });
    for (const text of onlyIn("en", "web.adminPayments")) expect(html).toContain(text);
    for (const text of onlyIn("fr", "web.adminPayments")) expect(html).not.toContain(text);
    const sent = [...shared, "web.admin", "web.adminPayments", "web.payment", "web.receipts"];
    for (const namespace of ["web.mentorPayouts", "web.signIn", "web.wallet", "email"]) {
      for (const text of foreign("en", namespace, sent))
        expect(html, namespace).not.toContain(text);
    }
  });

  it("no client script bundles a catalogue", () => {
    const assets = path.resolve(import.meta.dirname, "../build/client/assets");
    const scripts = readdirSync(assets)
      .filter((name) => name.endsWith(".js"))
      .map((name) => readFileSync(path.join(assets, name), "utf8"));
    expect(scripts.length).toBeGreaterThan(10);
    // Long, specific strings (a library's own "Something went wrong" is no catalogue).
    const samples = [
      ...onlyIn("en", "web.errorPage"),
      ...onlyIn("fr", "web.errorPage"),
      ...onlyIn("en", "web.adminPayments"),
      ...onlyIn("fr", "web.signIn"),
    ].filter((text) => text.length >= 30);
    expect(samples.length).toBeGreaterThan(3);
    for (const text of samples) {
      expect(
        scripts.some((script) => script.includes(text)),
        text,
      ).toBe(false);
    }
  });
});
