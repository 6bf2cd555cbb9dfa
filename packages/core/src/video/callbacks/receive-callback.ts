import type { Prisma } from "@mentora/db";
import type { VideoEvent } from "@mentora/video";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../../app/types.ts";
import { pgErrorCode } from "../../db/pg-error.ts";
import { enqueue } from "../../jobs/define.ts";
import { statusCallbackUrl } from "../rooms.ts";
import { processCallbackJob } from "./process-callback.job.ts";

export interface CallbackResponse {
  status: number;
  body: { received: boolean; stored?: boolean; duplicate?: boolean; error?: string };
}

const maxCallbackBytes = 64 * 1024;

/**
 * The edge of /api/webhooks/twilio: the signature (HMAC-SHA1 over our public callback URL and
 * the sorted POST parameters) is checked first — a forgery gets 403 and stores nothing — then
 * the event is stored once (provider + event id) with the job that processes it, then 2xx.
 */
export async function receiveVideoCallback(
  services: AppServices,
  request: Request,
): Promise<CallbackResponse> {
  const { video, logger, telemetry } = services;
  if (request.method !== "POST") {
    return { status: 405, body: { received: false, error: "method not allowed" } };
  }
  const body = await request.text();
  if (body.length > maxCallbackBytes) {
    return { status: 413, body: { received: false, error: "too large" } };
  }
  const params = Object.fromEntries(new URLSearchParams(body));
  const search = new URL(request.url).search;
  const signed = video.verifyStatusCallback({
    url: `${statusCallbackUrl(services)}${search}`,
    params,
    signature: request.headers.get("x-twilio-signature") ?? undefined,
  });
  if (!signed) {
    telemetry.recordFailure(`video-callback-rejected:${video.id}`);
    logger.warn({ provider: video.id }, "video status callback rejected: bad signature");
    return { status: 403, body: { received: false, error: "bad signature" } };
  }
  const event = video.parseStatusCallback(params);
  // Track and recording events: signed, but nothing we record.
  if (!event) return { status: 200, body: { received: true, stored: false } };
  const stored = await storeCallback(services, event);
  return { status: 200, body: { received: true, stored, duplicate: !stored } };
}

async function storeCallback(services: AppServices, event: VideoEvent): Promise<boolean> {
  try {
    await services.prisma.$transaction(async (tx) => {
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
        processCallbackJob,
        { callbackId: row.id },
        { db: fromPrisma(tx) },
      );
    });
    return true;
  } catch (error) {
    if (pgErrorCode(error) === "23505") {
      return false;
    }
    throw error;
  }
}
