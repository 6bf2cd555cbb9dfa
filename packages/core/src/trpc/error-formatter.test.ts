import { Writable } from "node:stream";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { App } from "../app/index.ts";
import { appError } from "../errors/index.ts";
import { createTestApp } from "../testing/index.ts";
import { createContext } from "./context.ts";
import { publicProcedure, router } from "./init.ts";

const SECRET_DETAIL = "password=hunter2 at /srv/db.ts:12";

const probeRouter = router({
  explode: publicProcedure.query(() => {
    throw new Error(SECRET_DETAIL);
  }),
  missing: publicProcedure.query(() => {
    throw appError("NOT_FOUND");
  }),
  validate: publicProcedure
    .input(z.object({ email: z.email() }))
    .mutation(({ input }) => input.email),
});

let app: App;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  app = await createTestApp();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  app.logger = pino({ level: "info" }, sink);
});
afterAll(() => app?.close());

async function callOverHttp(
  path: string,
  init: RequestInit & { headers?: Record<string, string> },
) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost:3000/api/trpc/${path}`, init),
    router: probeRouter,
    createContext: ({ req, resHeaders }) =>
      createContext({ services: app, headers: req.headers, resHeaders }),
  });
  const body = (await response.json()) as {
    error: {
      json: {
        message: string;
        data: { code: string; requestId: string; fieldErrors?: Record<string, string[]> };
      };
    };
  };
  return { status: response.status, body };
}

describe("error formatter", () => {
  it("turns an unexpected error into an internal error with a request id and nothing inside", async () => {
    const { status, body } = await callOverHttp("explode", {
      headers: { "x-request-id": "req-test-000001" },
    });
    expect(status).toBe(500);
    const raw = JSON.stringify(body);
    expect(raw).not.toContain("hunter2");
    expect(raw).not.toContain("db.ts");
    expect(raw).not.toMatch(/stack/i);
    expect(body.error.json.data.code).toBe("INTERNAL_SERVER_ERROR");
    expect(body.error.json.data.requestId).toBe("req-test-000001");
    expect(body.error.json.message).toBe("Something went wrong on our side. Please try again.");

    const logged = logLines.find((line) => line.requestId === "req-test-000001");
    expect(logged?.level).toBe(50);
    expect(JSON.stringify(logged)).toContain("hunter2");
    expect((logged?.err as { stack?: string } | undefined)?.stack).toContain("Error");
  });

  it("keeps expected errors' stable codes, in the viewer's language, and does not log them", async () => {
    const before = logLines.length;
    const { status, body } = await callOverHttp("missing", {
      headers: { "accept-language": "fr-FR,fr;q=0.9" },
    });
    expect(status).toBe(404);
    expect(body.error.json.data.code).toBe("NOT_FOUND");
    expect(body.error.json.message).toBe("Nous n’avons pas trouvé ce que vous cherchez.");
    expect(logLines.length).toBe(before);
  });

  it("reports invalid input per field with VALIDATION_FAILED", async () => {
    const { status, body } = await callOverHttp("validate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email: "not-an-email" } }),
    });
    expect(status).toBe(400);
    expect(body.error.json.data.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(body.error.json.data.fieldErrors ?? {})).toEqual(["email"]);
  });

  it("makes a new request id when none or a malformed one is given", async () => {
    const { body } = await callOverHttp("explode", { headers: { "x-request-id": "<script>" } });
    expect(body.error.json.data.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
