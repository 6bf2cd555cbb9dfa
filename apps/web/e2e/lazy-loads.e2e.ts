import { randomBytes } from "node:crypto";
import { afterAll, expect, inject, it } from "vitest";
import "./context.ts";
import { closeTestDb, createVerifiedUser, PASSWORD } from "./db.ts";

// What the web server no longer loads at start (decision 059) still works on first use, over
// HTTP against the BUILT server: the two-factor QR code (qrcode, imported when drawn).
const baseUrl = () => inject("webBaseUrl");
afterAll(closeTestDb);

it("draws the two-factor QR code as inline SVG when enrolment starts", async () => {
  const email = `qr-${randomBytes(4).toString("hex")}@example.com`;
  await createVerifiedUser({ name: "Quentin Arr", email });
  const signIn = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const response = await fetch(`${baseUrl()}/account/two-factor`, {
    method: "POST",
    headers: {
      cookie,
      origin: baseUrl(),
      "content-type": "application/x-www-form-urlencoded",
      "accept-language": "en",
    },
    body: new URLSearchParams({ intent: "start", password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toMatch(/<svg[^>]*viewBox/);
  expect(html).toContain("otpauth://totp/");
});
