import type { z } from "zod";
import type { AppServices } from "../app/types.ts";
import type { webhookDeliveryStatus } from "../contracts/index.ts";
import { cursorPage, type PageRequest, pageArgs } from "../trpc/pagination.ts";
import { deliverySelect } from "./endpoint-output.ts";
import { type EndpointActor, findEndpointFor } from "./endpoints.ts";

/** An endpoint's delivery log, newest first (NOT_FOUND for an endpoint the actor may not see). */
export async function listDeliveries(
  services: Pick<AppServices, "prisma">,
  actor: EndpointActor,
  input: PageRequest & { endpointId: string; status?: z.output<typeof webhookDeliveryStatus> },
) {
  const endpoint = await findEndpointFor(services, actor, input.endpointId);
  const rows = await services.prisma.webhookDelivery.findMany({
    where: { endpointId: endpoint.id, status: input.status },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: deliverySelect,
    ...pageArgs(input),
  });
  return cursorPage(rows, input.limit);
}
