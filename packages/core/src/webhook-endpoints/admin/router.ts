import { router } from "../../trpc/init.ts";
import { adminCreateEndpoint } from "./procedures/create-endpoint.ts";
import { adminDeleteEndpoint } from "./procedures/delete-endpoint.ts";
import { adminGetEndpoint } from "./procedures/get-endpoint.ts";
import { adminListDeliveries } from "./procedures/list-deliveries.ts";
import { adminListEndpoints } from "./procedures/list-endpoints.ts";
import { adminReplayDelivery } from "./procedures/replay-delivery.ts";
import { adminRotateEndpointSecret } from "./procedures/rotate-endpoint-secret.ts";
import { adminSendTestEvent } from "./procedures/send-test-event.ts";
import { adminUpdateEndpoint } from "./procedures/update-endpoint.ts";

/** Every webhook endpoint, and the platform's own. Mounted under `admin.webhookEndpoints`. */
export const adminWebhookEndpointsRouter = router({
  list: adminListEndpoints,
  get: adminGetEndpoint,
  deliveries: adminListDeliveries,
  create: adminCreateEndpoint,
  update: adminUpdateEndpoint,
  rotateSecret: adminRotateEndpointSecret,
  delete: adminDeleteEndpoint,
  replay: adminReplayDelivery,
  sendTest: adminSendTestEvent,
});
