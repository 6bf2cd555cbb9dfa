import type { Prisma } from "@mentora/db";
import type { VideoEvent } from "@mentora/video";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../../app/types.ts";
import { pgErrorCode } from "../../db/pg-error.ts";
import { enqueue } from "../../jobs/define.ts";
import { sourceLimited } from "../../payments/index.ts";
import { statusCallbackUrl } from "../rooms.ts";
import { processCallbackQueue } from "./process-callback.queue.ts";

export interface CallbackResponse {
  status: number;
  body: { received: boolean; stored?: boolean; duplicate?: boolean; error?: string };
  /** Set on a 429: the edge sends it as Retry-After. */
  retryAfterSeconds?: number;
}

const maxCallbackBytes = 64 * 1024;

/**
 * The edge of /api/webhooks/twilio: the signature (HMAC-SHA1 over our public callback URL and
 * the sorted POST parameters) is checked first — a forgery gets 403 and stores nothing — then
 * the event is stored once (provider + event id) with the job that processes it, then 2xx.
 * First of all, `clientIp` (the edge's; null when unknown) spends a point of the
 * video-callback-ip limit: a flood gets 429 before any body read or signature check.
 */
export async function receiveVideoCallback(
  services: AppServices,
  request: Request,
  clientIp: string | null,
): Promise<CallbackResponse> {
  const refused = await sourceLimited(services, "video-callback-ip", clientIp);
  if (refused) {
    services.logger.info({ ip: clientIp }, "video callback refused: too many requests");
    return {
      status: 429,
      body: { received: false, error: "too many requests" },
      retryAfterSeconds: refused,
    };
  }
  if (request.method !== "POST") {
    return { status: 405, body: { received: false, error: "method not allowed" } };
  }
  const body = await request.text();
  if (body.length > maxCallbackBytes) {
    return { status: 413, body: { received: false, error: "too large" } };
  }
  const { response } = await acceptVideoCallback(services, {
    search: new URL(request.url).search,
    params: Object.fromEntries(new URLSearchParams(body)),
    signature: request.headers.get("x-twilio-signature") ?? undefined,
  });
  return response;
}

/**
 * Verifies a status callback and stores it once with its job: the HTTP edge above, and the
 * local stand-in's own join/leave notices (which then process the stored row at once).
 */
export async function acceptVideoCallback(
  services: AppServices,
  callback: { search?: string; params: Record<string, string>; signature: string | undefined },
): Promise<{ response: CallbackResponse; callbackId?: string }> {
  const { video, logger, telemetry } = services;
  const signed = video.verifyStatusCallback({
    url: `${statusCallbackUrl(services)}${callback.search ?? ""}`,
    params: callback.params,
    signature: callback.signature,
  });
  if (!signed) {
    telemetry.recordFailure(`video-callback-rejected:${video.id}`);
    logger.warn({ provider: video.id }, "video status callback rejected: bad signature");
    return { response: { status: 403, body: { received: false, error: "bad signature" } } };
  }
  const event = video.parseStatusCallback(callback.params);
  // Track and recording events: signed, but nothing we record.
  if (!event) return { response: { status: 200, body: { received: true, stored: false } } };
  const callbackId = await storeCallback(services, event);
  const stored = callbackId !== null;
  return {
    response: { status: 200, body: { received: true, stored, duplicate: !stored } },
    ...(callbackId ? { callbackId } : {}),
  };
}

/** The stored row's id, or null for an event already stored. */
async function storeCallback(services: AppServices, event: VideoEvent): Promise<string | null> {
  try {
    return await services.prisma.$transaction(async (tx) => {
      const row = await tx.videoCallbackEvent.create({
        data: {
          provider: services.video.id,
          eventId: event.eventId,
          type: event.type,
          payload: {
            ...event,
            occurredAt: event.occurredAt.toISOString(),
          } as Prisma.InputJsonValue,
        },
      });
      await enqueue(
        services.boss,
        processCallbackQueue,
        { callbackId: row.id },
        { db: fromPrisma(tx) },
      );
      return row.id;
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") return null;
    throw error;
  }
}
