import { createHash, timingSafeEqual } from "node:crypto";
import type { Config } from "../config/index.ts";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * May this request read /metrics (web and worker)? With METRICS_TOKEN set: only with
 * `Authorization: Bearer <token>`, compared in constant time on equal-length digests (neither
 * the token's length nor a matching prefix leaks through timing). Without one: open outside
 * production only (the configuration already refuses production without it; this is the
 * second lock on the same door).
 */
export function metricsRequestAllowed(
  config: { telemetry: Pick<Config["telemetry"], "metricsToken">; app: Pick<Config["app"], "env"> },
  authorization: string | null | undefined,
): boolean {
  const token = config.telemetry.metricsToken;
  if (!token) return config.app.env !== "production";
  const header = authorization ?? "";
  const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
  return timingSafeEqual(digest(given), digest(token));
}
