/**
 * A real worker process for the webhook crash test: runs `webhook.process` (its contract's
 * concurrency and batch size) against DATABASE_URL on the sandbox gateway. With
 * WEBHOOK_WORKER_STALL_AFTER=n, the provider answers n getPayment calls, then prints "STALLED"
 * and never answers again: the parent SIGKILLs it there, in the middle of its batches (some
 * jobs of a batch processed, their completion not yet recorded; others still running).
 */
import type { PaymentGateway } from "@mentora/payment-gateway";
import { createApp } from "../../app/index.ts";
import { createProcessWebhookJob, webhookEventHandlers } from "../../app/job-handlers.ts";
import { loadConfig } from "../../config/index.ts";
import { createJobRunner } from "../../jobs/runner.ts";
import type { GatewayRegistry } from "../registry/index.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");
const config = loadConfig({
  NODE_ENV: "test",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
  PUBLIC_URL: "http://localhost:3000",
  DATABASE_URL: databaseUrl,
});
const app = await createApp({
  config,
  databaseUrl,
  role: "worker",
  importPackage: (name) => import(name),
  deliverGatewayWebhook: async () => {},
});

function stallingAfter(registry: GatewayRegistry, answers: number): GatewayRegistry {
  let answered = 0;
  const wrap = (gateway: PaymentGateway): PaymentGateway => ({
    ...gateway,
    async getPayment(id) {
      if (answered >= answers) {
        if (answered === answers) process.stdout.write("STALLED\n");
        answered += 1;
        return new Promise(() => {});
      }
      answered += 1;
      return gateway.getPayment(id);
    },
  });
  return {
    ids: registry.ids,
    get: (id) => wrap(registry.get(id)),
    forCurrency: registry.forCurrency,
  };
}

const stallAfter = process.env.WEBHOOK_WORKER_STALL_AFTER;
const gateways = stallAfter ? stallingAfter(app.gateways, Number(stallAfter)) : app.gateways;
await createJobRunner({ ...app, gateways }, [
  createProcessWebhookJob(webhookEventHandlers),
]).start();
process.stdout.write("READY\n");
