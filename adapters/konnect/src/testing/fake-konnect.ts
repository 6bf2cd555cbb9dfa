import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { FakeKonnectPayments } from "./fake-konnect-payments.ts";
import { initPaymentSchema } from "./init-payment-schema.ts";

export type FakeKonnectOperation = "init-payment" | "payment-details";

export interface RecordedKonnectRequest {
  method: string;
  path: string;
  apiKey: string | undefined;
  body: unknown;
}

export interface FakeKonnect {
  /** e.g. http://127.0.0.1:41234/api/v2/ */
  baseUrl: string;
  apiKey: string;
  walletId: string;
  payments: FakeKonnectPayments;
  /** Every request that passed authentication and validation, in order. */
  requests: RecordedKonnectRequest[];
  /** Authenticated calls per operation, injected failures included. */
  calls: Record<FakeKonnectOperation, number>;
  pay(ref: string): void;
  decline(ref: string): void;
  /** The payer leaves the page: nothing changes at Konnect. */
  abandon(ref: string): void;
  expire(ref: string): void;
  /** The webhook URLs Konnect would have called since the last take. */
  takeWebhookCalls(): string[];
  /** Process the next such call, then cut the connection ("reset") or never answer ("stall"). */
  loseNextResponse(operation: FakeKonnectOperation, how?: "reset" | "stall"): void;
  /** Answer the next `times` such calls with `status`, without processing them. */
  failNext(
    operation: FakeKonnectOperation,
    status: number,
    times?: number,
    headers?: Record<string, string>,
  ): void;
  close(): Promise<void>;
}

const ajv = new Ajv({ allErrors: true, strict: true });
// ajv-formats is CommonJS: its module object carries the plugin as .default, also at runtime.
addFormats.default(ajv);
const validateInitPayment = ajv.compile(initPaymentSchema);

export async function startFakeKonnect(
  options: { apiKey?: string; walletId?: string } = {},
): Promise<FakeKonnect> {
  const apiKey = options.apiKey ?? "fake-konnect-key";
  const walletId = options.walletId ?? "5f7a209aeb3f76490ac4a3d1";
  const payments = new FakeKonnectPayments();
  const requests: RecordedKonnectRequest[] = [];
  const calls: Record<FakeKonnectOperation, number> = { "init-payment": 0, "payment-details": 0 };
  const losses = new Map<FakeKonnectOperation, "reset" | "stall">();
  const failures = new Map<
    FakeKonnectOperation,
    { status: number; times: number; headers?: Record<string, string> }
  >();

  function json(res: ServerResponse, status: number, body: unknown, headers = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  function answer(res: ServerResponse, operation: FakeKonnectOperation, body: unknown) {
    const loss = losses.get(operation);
    losses.delete(operation);
    if (loss === "reset") res.socket?.destroy();
    else if (loss !== "stall") json(res, 200, body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const key = req.headers["x-api-key"];
    const apiKeyHeader = typeof key === "string" ? key : undefined;
    if (apiKeyHeader !== apiKey) return json(res, 401, { errors: [{ message: "Unauthorized" }] });

    const operation: FakeKonnectOperation | null =
      req.method === "POST" && url.pathname === "/api/v2/payments/init-payment"
        ? "init-payment"
        : req.method === "GET" && /^\/api\/v2\/payments\/[^/]+$/.test(url.pathname)
          ? "payment-details"
          : null;
    if (!operation) return json(res, 404, { errors: [{ message: "Not found" }] });
    calls[operation] += 1;

    const failure = failures.get(operation);
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) failures.delete(operation);
      return json(
        res,
        failure.status,
        { errors: [{ message: `Injected ${failure.status}` }] },
        failure.headers,
      );
    }

    if (operation === "payment-details") {
      const ref = decodeURIComponent(url.pathname.split("/").pop() ?? "");
      requests.push({ method: "GET", path: url.pathname, apiKey: apiKeyHeader, body: undefined });
      const payment = payments.byRef.get(ref);
      if (!payment) return json(res, 404, { errors: [{ message: "Payment not found" }] });
      return answer(res, operation, payments.details(payment));
    }

    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return json(res, 400, { errors: [{ message: "Body is not JSON" }] });
    }
    if (!validateInitPayment(body)) {
      const errors = (validateInitPayment.errors ?? []).map((e) => ({
        message: `${e.instancePath || "body"} ${e.message ?? "is invalid"}`,
      }));
      return json(res, 400, { errors });
    }
    const fields = body as unknown as Record<string, unknown>;
    if (fields.receiverWalletId !== walletId) {
      return json(res, 404, { errors: [{ message: "Wallet not found" }] });
    }
    requests.push({ method: "POST", path: url.pathname, apiKey: apiKeyHeader, body });
    const payment = payments.create(fields, new Date());
    const payUrl = new URL("/pay", baseOrigin());
    payUrl.searchParams.set("payment_ref", payment.id);
    answer(res, operation, { payUrl: payUrl.toString(), paymentRef: payment.id });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, { errors: [{ message: "Fake Konnect failed" }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseOrigin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${baseOrigin()}/api/v2/`,
    apiKey,
    walletId,
    payments,
    requests,
    calls,
    pay: (ref) => payments.attempt(ref, "pay"),
    decline: (ref) => payments.attempt(ref, "decline"),
    abandon: () => {},
    expire: (ref) => payments.expire(ref),
    takeWebhookCalls: () => payments.webhookCalls.splice(0),
    loseNextResponse: (operation, how = "reset") => {
      losses.set(operation, how);
    },
    failNext: (operation, status, times = 1, headers) => {
      failures.set(operation, { status, times, ...(headers ? { headers } : {}) });
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
