import { registerWebhookEventHandler } from "../payments/index.ts";
import { handleDisputeEvent } from "./dispute-service.ts";

// Registered with webhook.process (imported once by jobs/index.ts, as the payouts' handlers).
for (const type of ["dispute.opened", "dispute.closed"] as const) {
  registerWebhookEventHandler(type, (services, provider, event) => {
    if (event.type !== "dispute.opened" && event.type !== "dispute.closed")
      return Promise.resolve();
    return handleDisputeEvent(services, provider, event);
  });
}
