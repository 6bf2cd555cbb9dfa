import { router } from "../trpc/init.ts";
import { createEndpoint } from "./procedures/create-endpoint.ts";
import { deleteEndpoint } from "./procedures/delete-endpoint.ts";
import { getEndpoint } from "./procedures/get-endpoint.ts";
import { listDeliveries } from "./procedures/list-deliveries.ts";
import { listEndpoints } from "./procedures/list-endpoints.ts";
import { replayDelivery } from "./procedures/replay-delivery.ts";
import { rotateEndpointSecret } from "./procedures/rotate-endpoint-secret.ts";
import { sendTestEvent } from "./procedures/send-test-event.ts";
import { updateEndpoint } from "./procedures/update-endpoint.ts";

/** A mentor's webhook endpoints for their own events. Mounted as `webhookEndpoints`. */
export const webhookEndpointsRouter = router({
  list: listEndpoints,
  get: getEndpoint,
  deliveries: listDeliveries,
  create: createEndpoint,
  update: updateEndpoint,
  rotateSecret: rotateEndpointSecret,
  delete: deleteEndpoint,
  replay: replayDelivery,
  sendTest: sendTestEvent,
});
