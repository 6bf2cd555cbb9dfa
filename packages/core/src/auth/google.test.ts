import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { authRequest, createTestApp } from "../testing/index.ts";

describe("Google sign-in is configured from the environment", () => {
  let withGoogle: App;
  let withoutGoogle: App;
  beforeAll(async () => {
    withGoogle = await createTestApp({
      GOOGLE_CLIENT_ID: "test-client-id.apps.googleusercontent.com",
      GOOGLE_CLIENT_SECRET: "test-client-secret",
    });
    withoutGoogle = await createTestApp();
  });
  afterAll(async () => {
    await withGoogle?.close();
    await withoutGoogle?.close();
  });

  const start = (app: App) =>
    app.auth.handler(
      authRequest("/sign-in/social", { body: { provider: "google", callbackURL: "/account" } }),
    );

  it("sends the browser to Google with our client id and a callback on our origin", async () => {
    const response = await start(withGoogle);
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    const google = new URL(url);
    expect(google.hostname).toBe("accounts.google.com");
    expect(google.searchParams.get("client_id")).toBe("test-client-id.apps.googleusercontent.com");
    expect(google.searchParams.get("redirect_uri")).toBe(
      "http://localhost:3000/api/auth/callback/google",
    );
  });

  it("is refused when not configured", async () => {
    const response = await start(withoutGoogle);
    expect(response.status).toBeGreaterThanOrEqual(400);
  });

  it("refuses a callback URL on another site", async () => {
    const response = await withGoogle.auth.handler(
      authRequest("/sign-in/social", {
        body: { provider: "google", callbackURL: "https://evil.example/" },
      }),
    );
    expect(response.status).toBe(403);
  });
});
