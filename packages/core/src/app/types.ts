import type { Db } from "@mentora/db";
import type { EmailTransport } from "@mentora/email";
import type { FileStorage } from "@mentora/files";
import type { AppTelemetry } from "@mentora/telemetry";
import type { VideoProvider } from "@mentora/video";
import type { Pool } from "pg";
import type { PgBoss } from "pg-boss";
import type { Auth } from "../auth/index.ts";
import type { Config } from "../config/index.ts";
import type { EventRouting } from "../events/index.ts";
import type { InvoiceRenderer } from "../invoices/index.ts";
import type { Logger } from "../logger/index.ts";
import type { AiProviders } from "../moderation/index.ts";
import type { GatewayRegistry } from "../payments/index.ts";
import type { RateLimits } from "../rate-limits/index.ts";
import type { RealtimeHub } from "../realtime/index.ts";

/** The services one process shares: built once at start by createApp, closed at exit. */
export interface AppServices {
  config: Config;
  logger: Logger;
  pool: Pool;
  prisma: Db;
  boss: PgBoss;
  email: EmailTransport;
  auth: Auth;
  /** Uploaded files (avatars): S3 when a bucket is configured, else the local FILES_DIR. */
  files: FileStorage;
  /** The payment gateways PAYMENT_GATEWAYS loaded, with PAYMENT_ROUTING. */
  gateways: GatewayRegistry;
  telemetry: AppTelemetry;
  /** Twilio Video when configured, else the local stand-in (development). */
  video: VideoProvider;
  /** Rate limits shared by every process (counted in Postgres). */
  rateLimits: RateLimits;
  /** Who subscribes to which domain event (app/subscriptions.ts): what recordEvent consults. */
  events: EventRouting<AppServices>;
  /** Moderation and matching (AI_PROVIDER: local by default, or an OpenAI-compatible server). */
  ai: AiProviders;
  /** Open realtime streams of this process and its LISTEN connection (issue #15). */
  realtime: RealtimeHub;
  /** Invoice PDFs rendered in worker threads, started on first use (decision 054). */
  invoiceRenderer: InvoiceRenderer;
}
