import { z } from "zod";
import { webhookDeliveryStatus, webhookEventType } from "../contracts/index.ts";

/** An endpoint as its owner and admins see it: never the secret, only its last characters. */
export const endpointOutput = z.object({
  id: z.string(),
  scope: z.enum(["PLATFORM", "MENTOR"]),
  ownerId: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(webhookEventType),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  failingSince: z.date().nullable(),
  /** `whsec_…` and the last 4 characters, to tell secrets apart. */
  secretHint: z.string(),
  createdAt: z.date(),
});

/** An endpoint and its secret, the one time it is shown (create, rotate). */
export const endpointWithSecretOutput = z.object({ endpoint: endpointOutput, secret: z.string() });

export function toEndpointOutput(row: {
  id: string;
  scope: "PLATFORM" | "MENTOR";
  ownerId: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  secret: string;
  createdAt: Date;
}): z.output<typeof endpointOutput> {
  return {
    id: row.id,
    scope: row.scope,
    ownerId: row.ownerId,
    url: row.url,
    description: row.description,
    // A type dropped from the catalogue later is not shown (nor sent).
    events: row.events.filter((event) => webhookEventType.safeParse(event).success) as z.output<
      typeof webhookEventType
    >[],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince,
    secretHint: `whsec_…${row.secret.slice(-4)}`,
    createdAt: row.createdAt,
  };
}

export const deliveryOutput = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  replay: z.number().int(),
  status: webhookDeliveryStatus,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastDurationMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastResponseBody: z.string().nullable(),
  lastAttemptAt: z.date().nullable(),
  nextAttemptAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  createdAt: z.date(),
});

export const deliverySelect = {
  id: true,
  eventId: true,
  eventType: true,
  replay: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastDurationMs: true,
  lastError: true,
  lastResponseBody: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
} as const;
