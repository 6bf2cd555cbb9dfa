import type { AppMetrics } from "./app-metrics.ts";
import type { Metrics } from "./metrics.ts";
import type { PaymentMetrics } from "./payment-metrics.ts";

/** One process's telemetry: its metrics (served at /metrics) and its failure alerts (counted in
 * Postgres, shared with the other processes). Core builds it (createAppTelemetry), knowing the
 * jobs and the admins an alert goes to. */
export interface AppTelemetry extends AppMetrics {
  metrics: Metrics;
  payments: PaymentMetrics;
  /** Counts one failure under `key` ("webhook:stripe"); crossing the threshold alerts. */
  recordFailure(key: string): void;
}
