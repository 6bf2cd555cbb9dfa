/**
 * Outgoing webhooks for integrators (issue #18, decision 053): endpoints registered by admins
 * (every event) and mentors (their own), deliveries fanned out from the domain events, signed,
 * retried, logged and replayable. app/subscriptions.ts wires `fanOutEvent` to the events.
 */
export { webhookDeliveryCleanupQueue } from "./cleanup.queue.ts";
export { webhookEndpointsConfig } from "./config.ts";
export { webhookDeliverJob } from "./deliver.job.ts";
export { webhookDeliverQueue } from "./deliver.queue.ts";
export { attemptDelivery, fanOutEvent, replayDelivery, sendTestEvent } from "./deliveries.ts";
export {
  createEndpoint,
  type EndpointActor,
  rotateEndpointSecret,
  updateEndpoint,
} from "./endpoints.ts";
export { payloadOf, payloadVersion, type WebhookPayload } from "./payload.ts";
export { maxAttempts, retryDelaysMs } from "./retry-schedule.ts";
export {
  newWebhookSecret,
  signatureHeader,
  signWebhookPayload,
  verifyWebhookSignature,
} from "./signature.ts";
export { checkEndpointUrl, isAllowedAddress } from "./url-guard.ts";
