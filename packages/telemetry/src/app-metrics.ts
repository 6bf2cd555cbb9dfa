import type { Metrics } from "./metrics.ts";

/** Names operators' dashboards and alerts use (deploy/prometheus, deploy/grafana): keep them. */
export const appMetricNames = {
  httpRequestDuration: "mentora_http_request_duration_seconds",
  trpcDuration: "mentora_trpc_procedure_duration_seconds",
  trpcErrors: "mentora_trpc_procedure_errors_total",
  jobDuration: "mentora_job_duration_seconds",
  jobFailures: "mentora_job_failures_total",
  queueDepth: "mentora_queue_depth",
  queueJobs: "mentora_queue_jobs",
  queueOldestAge: "mentora_queue_oldest_job_age_seconds",
  deadJobs: "mentora_dead_jobs",
  dbPoolConnections: "mentora_db_pool_connections",
  payoutsInFlight: "mentora_payouts_in_flight",
  payoutsOldestInFlightAge: "mentora_payouts_oldest_in_flight_age_seconds",
} as const;

/** Seconds: pages and procedures take milliseconds to a few seconds. */
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: jobs range from a quick email to a gateway call near its timeout or a PDF render. */
const jobBuckets = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export interface AppMetrics {
  /**
   * One finished HTTP request. `route` must be bounded: the Remix route id ("routes/admin.jobs")
   * or a fixed placeholder, never the raw path.
   */
  observeHttpRequest(route: string, method: string, status: number, seconds: number): void;
  /** One finished tRPC call; `errorCode` is the tRPC code when it failed. */
  observeProcedure(procedure: string, type: string, seconds: number, errorCode?: string): void;
  /** One finished job attempt. */
  observeJob(queue: string, outcome: "completed" | "failed", seconds: number): void;
}

const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function createAppMetrics(metrics: Metrics): AppMetrics {
  const n = appMetricNames;
  const http = metrics.histogram(
    n.httpRequestDuration,
    "Duration of HTTP requests in seconds, by route, method and status.",
    ["route", "method", "status"],
    requestBuckets,
  );
  const procedure = metrics.histogram(
    n.trpcDuration,
    "Duration of tRPC procedure calls in seconds, by outcome (ok or the error code).",
    ["procedure", "type", "outcome"],
    requestBuckets,
  );
  const procedureErrors = metrics.counter(
    n.trpcErrors,
    "Failed tRPC procedure calls, by tRPC error code.",
    ["procedure", "type", "code"],
  );
  const job = metrics.histogram(
    n.jobDuration,
    "Duration of job attempts in seconds, by queue and outcome.",
    ["queue", "outcome"],
    jobBuckets,
  );
  const jobFailures = metrics.counter(n.jobFailures, "Failed job attempts, by queue.", ["queue"]);

  return {
    observeHttpRequest(route, method, status, seconds) {
      const upper = method.toUpperCase();
      // The method comes from the client: anything unusual is one series, not one per spelling.
      http.observe(
        { route, method: knownMethods.has(upper) ? upper : "OTHER", status: String(status) },
        seconds,
      );
    },
    observeProcedure(name, type, seconds, errorCode) {
      procedure.observe({ procedure: name, type, outcome: errorCode ?? "ok" }, seconds);
      if (errorCode !== undefined) procedureErrors.inc({ procedure: name, type, code: errorCode });
    },
    observeJob(queue, outcome, seconds) {
      job.observe({ queue, outcome }, seconds);
      if (outcome === "failed") jobFailures.inc({ queue });
    },
  };
}
