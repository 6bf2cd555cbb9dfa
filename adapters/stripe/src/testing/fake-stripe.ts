import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookRequest } from "@mentora/payment-gateway";
import type { FakeContext, FakeResponse, StripeErrorBody } from "./fake-api.ts";
import { stripeError } from "./fake-api.ts";
import { completeOnboarding, requireMore, STRIPE_CONNECT_ORIGIN } from "./fake-api-accounts.ts";
import { expireSession } from "./fake-api-checkout.ts";
import { hostedOnboarding } from "./fake-hosted-onboarding.ts";
import { fakeId } from "./fake-ids.ts";
import { createObjectFactory } from "./fake-objects.ts";
import { createPayer, type FakePayer } from "./fake-payer.ts";
import { createRequestPipeline, type RecordedRequest, toolingOf } from "./fake-request-pipeline.ts";
import { createFakeState, type FakeObject } from "./fake-state.ts";
import { signedWebhook } from "./fake-webhooks.ts";
import { loadStripeSpec } from "./stripe-spec.ts";

export type { RecordedRequest } from "./fake-request-pipeline.ts";
export { resigned, signedWebhook } from "./fake-webhooks.ts";

export interface FakeStripeOptions {
  specsDir: string;
  /** 0 (default) takes a free port. */
  port?: number;
  secretKey?: string;
  webhookSecret?: string;
  /**
   * Where the hosted onboarding form delivers the webhooks it causes, signed, before sending the
   * payee back (a browser test's app). Unset: they wait in takeWebhooks() like every other.
   */
  deliverWebhooksTo?: string;
}

type Fault =
  | { kind: "lose" }
  | { kind: "reset" }
  | { kind: "error"; status: number; error: StripeErrorBody; headers?: Record<string, string> };

/**
 * A local Stripe: node:http on 127.0.0.1 that answers the operations the adapter uses, after
 * validating every request against spec3.yaml (unknown or ill-typed parameters → Stripe's 400).
 * Honours Idempotency-Key like Stripe, queues signed webhook events, and takes remote controls
 * for what only the payer or Stripe can do, and for lost answers.
 */
export async function startFakeStripe(options: FakeStripeOptions) {
  const spec = await loadStripeSpec(options.specsDir);
  const { index, validator } = toolingOf(spec);
  const secretKey = options.secretKey ?? "sk_test_fake_mentora";
  const webhookSecret = options.webhookSecret ?? "whsec_fake_mentora";
  const state = createFakeState();
  const objects = createObjectFactory(spec);
  const requests: RecordedRequest[] = [];
  const specViolations: string[] = [];
  const faults = new Map<string, Fault[]>();
  const heldResponses = new Set<ServerResponse>();
  /** Open or closed disputes by charge id. */
  const disputes = new Map<string, FakeObject & { status?: unknown }>();

  const context: FakeContext = {
    state,
    objects,
    emit(type, object, previous) {
      specViolations.push(...validator.checkObject(object.object, object));
      state.pendingEvents.push(objects.event(type, object, previous));
    },
  };
  const payer: FakePayer = createPayer(context);
  const processRequest = createRequestPipeline({ index, validator, context, specViolations });

  function takeFault(operationId: string): Fault | undefined {
    return faults.get(operationId)?.shift();
  }

  function addFault(operationId: string, fault: Fault): void {
    if (!index.byOperationId(operationId)) {
      throw new Error(`No operation ${operationId} in the spec`);
    }
    faults.set(operationId, [...(faults.get(operationId) ?? []), fault]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://fake-stripe");
    const rawBody = await readBody(req);
    if (url.pathname.startsWith("/setup/")) {
      await onboardingPages(req, res, url, rawBody);
      return;
    }
    const header = req.headers["idempotency-key"];
    const idempotencyKey = method === "POST" && typeof header === "string" ? header : null;
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      operationId: null,
      idempotencyKey,
      status: 0,
      replayed: false,
      outcome: "answered",
    };
    requests.push(record);

    const send = (response: FakeResponse, headers: Record<string, string> = {}) => {
      record.status = response.status;
      res.writeHead(response.status, {
        "content-type": "application/json",
        "request-id": fakeId.request(),
        "stripe-version": spec.apiVersion,
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
        ...(record.replayed ? { "idempotent-replayed": "true" } : {}),
        ...headers,
      });
      res.end(JSON.stringify(response.body, null, 2));
    };

    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      send(
        stripeError(401, {
          type: "invalid_request_error",
          message: "Invalid API Key provided: the fake's key is not this one.",
        }),
      );
      return;
    }
    if (
      method === "POST" &&
      !req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")
    ) {
      send(
        stripeError(400, { type: "invalid_request_error", message: "Form-encoded bodies only." }),
      );
      return;
    }
    const operationId = index.match(method, url.pathname)?.operation.operationId;
    const fault = operationId ? takeFault(operationId) : undefined;
    if (fault?.kind === "error") {
      record.operationId = operationId ?? null;
      send({ status: fault.status, body: { error: fault.error } }, fault.headers);
      return;
    }
    const response = processRequest(method, url, rawBody, idempotencyKey, record);
    if (fault?.kind === "lose") {
      // Processed, but the answer never leaves: the client's timeout fires.
      record.outcome = "lost";
      record.status = response.status;
      heldResponses.add(res);
      res.on("close", () => heldResponses.delete(res));
      return;
    }
    if (fault?.kind === "reset") {
      record.outcome = "reset";
      record.status = response.status;
      req.socket.destroy();
      return;
    }
    send(response);
  }

  /** The events now pending, signed, in the order Stripe would send them. */
  function signPending(): WebhookRequest[] {
    const events = state.pendingEvents.splice(0);
    return events.map((event) => signedWebhook(JSON.stringify(event, null, 2), webhookSecret));
  }

  let webhookTarget = options.deliverWebhooksTo;
  const onboardingPages = hostedOnboarding({
    state,
    complete: (accountId) => completeOnboarding(accountId, context),
    async deliver() {
      const target = webhookTarget;
      if (!target) return;
      for (const delivery of signPending()) {
        const response = await fetch(target, {
          method: "POST",
          headers: delivery.headers,
          body: Buffer.from(delivery.rawBody),
        });
        if (!response.ok) {
          specViolations.push(`webhook delivery to ${target} answered ${response.status}`);
        }
      }
    },
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      specViolations.push(`fake crashed: ${String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    secretKey,
    webhookSecret,
    apiVersion: spec.apiVersion,
    state,
    requests: requests as readonly RecordedRequest[],
    /** Responses that broke the spec, and crashes: a fake bug; the harness fails on them. */
    specViolations: specViolations as readonly string[],
    payer,

    /** Stripe gives up on an open session (its expires_at passed). */
    expireSession(sessionId: string): void {
      expireSession(sessionId, context);
    },
    /** Transfers to this connected account are refused (it lacks the transfers capability). */
    refuseTransfersTo(accountId: string): void {
      state.failingAccounts.add(accountId);
    },
    /** The next call of this operation is processed, but its answer never arrives. */
    loseNextResponse(operationId: string): void {
      addFault(operationId, { kind: "lose" });
    },
    /** The next call of this operation is processed, then its connection is reset. */
    resetNextConnection(operationId: string): void {
      addFault(operationId, { kind: "reset" });
    },
    /** The next call of this operation is answered with this error, and not processed. */
    failNext(
      operationId: string,
      status: number,
      error: StripeErrorBody,
      headers?: Record<string, string>,
    ): void {
      addFault(operationId, { kind: "error", status, error, ...(headers ? { headers } : {}) });
    },
    /** The events Stripe would have delivered since the last call, signed now. */
    takeWebhooks(): WebhookRequest[] {
      return signPending();
    },
    /** An Account Link's URL (on connect.stripe.com) as served by this fake. */
    hostedUrl(url: string): string {
      const parsed = new URL(url);
      if (parsed.origin !== STRIPE_CONNECT_ORIGIN)
        throw new Error(`not a Stripe Connect URL: ${url}`);
      return `http://127.0.0.1:${port}${parsed.pathname}${parsed.search}`;
    },
    /** Where the hosted onboarding form delivers its webhooks (an app started after the fake). */
    deliverWebhooksTo(url: string): void {
      webhookTarget = url;
    },
    /** The payee finishes the hosted onboarding form (without a browser). */
    completeOnboarding(accountId: string): void {
      completeOnboarding(accountId, context);
    },
    /** Stripe asks the account for more; payouts stop until it is given. */
    requireMore(accountId: string, fields: string[]): void {
      requireMore(accountId, fields, context);
    },
    /**
     * The payer's bank disputes the paid session's charge ("open": charge.dispute.created), or
     * the dispute closes with an outcome (charge.dispute.closed, status won or lost).
     */
    dispute(sessionId: string, step: "open" | "won" | "lost"): void {
      const session = state.sessions.get(sessionId);
      const intent = session?.payment_intent
        ? state.paymentIntents.get(session.payment_intent)
        : undefined;
      const charge = intent?.latest_charge ? state.charges.get(intent.latest_charge) : undefined;
      if (!charge) throw new Error(`session ${sessionId} has no charge to dispute`);
      if (step === "open") {
        const dispute = objects.dispute({ charge, status: "needs_response" });
        disputes.set(charge.id, dispute);
        charge.disputed = true;
        context.emit("charge.dispute.created", dispute);
        return;
      }
      const dispute = disputes.get(charge.id);
      if (!dispute) throw new Error(`charge ${charge.id} has no open dispute`);
      const previous = { status: dispute.status };
      dispute.status = step;
      context.emit("charge.dispute.closed", dispute, previous);
    },
    /** Queues an event of an arbitrary type (e.g. one the adapter must ignore). */
    emit(type: string, object: FakeObject): void {
      context.emit(type, object);
    },

    async close(): Promise<void> {
      for (const res of heldResponses) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
