import type { Prisma } from "@mentora/db";
import type { AppServices } from "../app/types.ts";
import { type AuditActor, writeAudit } from "../audit/index.ts";
import type { WebhookEventType } from "../contracts/index.ts";
import { AppError } from "../errors/index.ts";
import { newWebhookSecret } from "./signature.ts";
import { checkEndpointUrl } from "./url-guard.ts";

/**
 * Who manages endpoints: a mentor sees and changes only their own (MENTOR scope), an admin every
 * endpoint, and registers platform-wide ones. Anything outside the actor's reach reads as
 * NOT_FOUND, so ids cannot be probed. Admin changes are audit-logged.
 */
export type EndpointActor =
  | { role: "MENTOR"; userId: string }
  | { role: "ADMIN"; userId: string; audit: AuditActor };

type Services = Pick<AppServices, "prisma" | "config" | "logger">;

export function endpointScopeOf(actor: EndpointActor): Prisma.WebhookEndpointWhereInput {
  return actor.role === "ADMIN" ? {} : { scope: "MENTOR", ownerId: actor.userId };
}

/** The endpoint if the actor may see it, else NOT_FOUND. */
export async function findEndpointFor(
  services: Pick<Services, "prisma">,
  actor: EndpointActor,
  id: string,
) {
  const endpoint = await services.prisma.webhookEndpoint.findFirst({
    where: { id, ...endpointScopeOf(actor) },
  });
  if (!endpoint) throw new AppError("NOT_FOUND");
  return endpoint;
}

async function audit(
  tx: Prisma.TransactionClient,
  actor: EndpointActor,
  action: string,
  endpointId: string,
  details: Record<string, unknown> = {},
) {
  if (actor.role !== "ADMIN") return;
  await writeAudit(tx, actor.audit, {
    action,
    targetType: "webhook_endpoint",
    targetId: endpointId,
    details,
  });
}

/** Each delivery costs a job and a request: a mentor's integrations need a handful at most. */
export const maxEndpointsPerMentor = 10;

export interface EndpointInput {
  url: string;
  description: string;
  events: WebhookEventType[];
}

/** Registers an endpoint; the secret is returned here and never again (rotate to get a new one). */
export async function createEndpoint(
  services: Services,
  actor: EndpointActor,
  input: EndpointInput,
) {
  if (actor.role === "MENTOR") {
    const count = await services.prisma.webhookEndpoint.count({
      where: { scope: "MENTOR", ownerId: actor.userId },
    });
    if (count >= maxEndpointsPerMentor) {
      throw new AppError("WEBHOOK_ENDPOINT_LIMIT", { max: maxEndpointsPerMentor });
    }
  }
  const url = await checkEndpointUrl(input.url, services.config.webhookEndpoints.urlPolicy);
  const secret = newWebhookSecret();
  const endpoint = await services.prisma.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        scope: actor.role === "ADMIN" ? "PLATFORM" : "MENTOR",
        ownerId: actor.userId,
        url: url.toString(),
        description: input.description,
        events: [...new Set(input.events)],
        secret,
      },
    });
    await audit(tx, actor, "webhook-endpoint.create", created.id, {
      url: created.url,
      events: created.events,
    });
    return created;
  });
  services.logger.info(
    { endpointId: endpoint.id, scope: endpoint.scope },
    "webhook endpoint created",
  );
  return { endpoint, secret };
}

export async function updateEndpoint(
  services: Services,
  actor: EndpointActor,
  id: string,
  input: Partial<EndpointInput> & { enabled?: boolean },
) {
  const current = await findEndpointFor(services, actor, id);
  const url =
    input.url === undefined
      ? undefined
      : (await checkEndpointUrl(input.url, services.config.webhookEndpoints.urlPolicy)).toString();
  return services.prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        url,
        description: input.description,
        events: input.events ? [...new Set(input.events)] : undefined,
        ...(input.enabled === undefined
          ? {}
          : input.enabled
            ? // Turned on again: the failure clock starts over.
              { enabled: true, disabledReason: null, failingSince: null }
            : { enabled: false, disabledReason: "MANUAL" }),
      },
    });
    await audit(tx, actor, "webhook-endpoint.update", id, { ...input });
    return updated;
  });
}

/** A new secret at once (the old one stops signing now); returned here only. */
export async function rotateEndpointSecret(services: Services, actor: EndpointActor, id: string) {
  await findEndpointFor(services, actor, id);
  const secret = newWebhookSecret();
  const endpoint = await services.prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({ where: { id }, data: { secret } });
    await audit(tx, actor, "webhook-endpoint.rotate-secret", id);
    return updated;
  });
  return { endpoint, secret };
}

/** Deletes an endpoint and its delivery log; queued attempts find nothing and stop. */
export async function deleteEndpoint(services: Services, actor: EndpointActor, id: string) {
  await findEndpointFor(services, actor, id);
  await services.prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    await audit(tx, actor, "webhook-endpoint.delete", id);
  });
}
