/**
 * A real worker process for the crash tests: runs `payout.execute` against DATABASE_URL on the
 * sandbox gateway (whose books are its rows of the database's gateway_state table). With
 * PAYOUT_WORKER_STALL=1, createPayout makes the transfer at the sandbox, prints
 * "TRANSFERRED <payoutId>" and never returns: the parent SIGKILLs it there, between the
 * gateway call and the database update.
 */
import type { PaymentGateway } from "@mentora/payment-gateway";
import { createApp } from "../../app/index.ts";
import { loadConfig } from "../../config/index.ts";
import { createJobRunner } from "../../jobs/runner.ts";
import type { GatewayRegistry } from "../../payments/index.ts";
import { executePayoutJob } from "../execute-payout.job.ts";

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
  // The sandbox's webhooks are not needed here: the transfer is in its books either way.
  deliverGatewayWebhook: async () => {},
});

function stalling(registry: GatewayRegistry): GatewayRegistry {
  const wrap = (gateway: PaymentGateway): PaymentGateway => ({
    ...gateway,
    async createPayout(input) {
      await gateway.createPayout?.(input);
      process.stdout.write(`TRANSFERRED ${input.payoutId}\n`);
      return new Promise(() => {});
    },
  });
  return {
    ids: registry.ids,
    get: (id) => wrap(registry.get(id)),
    forCurrency: registry.forCurrency,
  };
}

const gateways = process.env.PAYOUT_WORKER_STALL === "1" ? stalling(app.gateways) : app.gateways;
await createJobRunner({ ...app, gateways }, [executePayoutJob]).start();
process.stdout.write("READY\n");
