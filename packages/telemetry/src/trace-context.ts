import {
  type Context,
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

/**
 * Spans of our own (tRPC procedures, jobs) and the trace context jobs carry. Through
 * @opentelemetry/api alone: with no SDK started every call here is a cheap no-op.
 */
const tracer = trace.getTracer("mentora");

/** Key under which a job's data carries the trace context of the request that enqueued it. */
export const TRACE_CONTEXT_KEY = "_trace";

/** Runs `fn` in a span named `name`; a thrown error marks the span and is rethrown. */
export function inSpan<T>(
  name: string,
  attributes: Record<string, string>,
  fn: () => Promise<T>,
  options: { parent?: Context; kind?: SpanKind } = {},
): Promise<T> {
  return tracer.startActiveSpan(
    name,
    { attributes, kind: options.kind ?? SpanKind.INTERNAL },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await fn();
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Marks the active span as failed without an exception (a tRPC error result). */
export function markActiveSpanFailed(message: string): void {
  trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** The W3C trace context of the active span ({ traceparent, tracestate? }), or none. */
export function currentTraceCarrier(): Record<string, string> | undefined {
  if (!trace.getActiveSpan()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** Adds the active trace context to job data, under TRACE_CONTEXT_KEY (unchanged when none). */
export function withTraceContext<T extends object>(data: T): T {
  const carrier = currentTraceCarrier();
  return carrier ? { ...data, [TRACE_CONTEXT_KEY]: carrier } : data;
}

/** Splits job data into the data its schema parses and the context of the enqueuing request. */
export function takeTraceContext(data: unknown): { data: unknown; parent: Context | undefined } {
  if (data === null || typeof data !== "object" || !(TRACE_CONTEXT_KEY in data)) {
    return { data, parent: undefined };
  }
  const { [TRACE_CONTEXT_KEY]: carrier, ...rest } = data as Record<string, unknown>;
  if (carrier === null || typeof carrier !== "object") return { data: rest, parent: undefined };
  const strings = Object.fromEntries(
    Object.entries(carrier).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
  return { data: rest, parent: propagation.extract(context.active(), strings) };
}

/** Trace and span ids of the active span for log lines, or nothing. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  // An unsampled or invalid context has nothing to look up in the tracing backend.
  if (!traceId || /^0+$/.test(traceId) || traceFlags === 0) return undefined;
  return { traceId, spanId };
}

export { SpanKind };
