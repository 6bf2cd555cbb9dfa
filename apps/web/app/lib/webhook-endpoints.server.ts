import { webhookDeliveryStatuses, webhookEventTypes } from "@mentora/core/contracts";
import { translate } from "@mentora/i18n";
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { formText } from "./forms";
import { attempt, formFailure, requireAdmin, requireMentor } from "./guards.server";
import { assertSameOrigin } from "./http.server";
import type { Caller, RequestCaller } from "./trpc.server";
import { withCaller } from "./trpc.server";

/**
 * The webhook pages of both areas (issue #18): a mentor's `/mentor/webhooks` calls
 * `webhookEndpoints.*`, the admins' `/admin/webhook-endpoints` calls `admin.webhookEndpoints.*`;
 * the procedures are the same, the server decides what each may see.
 */
export type WebhookArea = "mentor" | "admin";

export const webhookAreaPath: Record<WebhookArea, string> = {
  mentor: "/mentor/webhooks",
  admin: "/admin/webhook-endpoints",
};

export function webhookApi(caller: Caller, area: WebhookArea) {
  return area === "admin" ? caller.admin.webhookEndpoints : caller.webhookEndpoints;
}

export function requireWebhookArea(request: Request, input: RequestCaller, area: WebhookArea) {
  return area === "admin" ? requireAdmin(request, input) : requireMentor(request, input);
}

type EventType = (typeof webhookEventTypes)[number];
const isEventType = (value: unknown): value is EventType =>
  typeof value === "string" && (webhookEventTypes as readonly string[]).includes(value);

/** The endpoint form's fields as the procedures take them (the server validates them again). */
function endpointFields(form: FormData) {
  return {
    url: formText(form, "url"),
    description: formText(form, "description"),
    events: form.getAll("events").filter(isEventType),
  };
}

/** One endpoint's page: the endpoint, a page of its delivery log (status filter, cursor). */
export async function loadEndpointPage(request: Request, area: WebhookArea, endpointId: string) {
  return withCaller(request, async (input) => {
    requireWebhookArea(request, input, area);
    const api = webhookApi(input.caller, area);
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor") || undefined;
    const status = url.searchParams.get("status") ?? "";
    const statusFilter = (webhookDeliveryStatuses as readonly string[]).includes(status)
      ? (status as (typeof webhookDeliveryStatuses)[number])
      : undefined;
    const [endpoint, deliveries] = await Promise.all([
      api.get({ id: endpointId }),
      api.deliveries({
        endpointId,
        limit: 25,
        ...(cursor ? { cursor } : {}),
        ...(statusFilter ? { status: statusFilter } : {}),
      }),
    ]);
    return {
      area,
      endpoint,
      deliveries,
      status: statusFilter ?? "",
      query: statusFilter ? `?status=${statusFilter}` : "",
      isFirstPage: !cursor,
    };
  });
}

/**
 * Every form of the webhook pages: create, update (settings and on/off), rotate the secret,
 * send a test event, replay a delivery, delete (then back to the list).
 */
export async function webhookEndpointAction(
  { request, context }: Pick<ActionFunctionArgs, "request" | "context">,
  area: WebhookArea,
) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireWebhookArea(request, input, area);
    const api = webhookApi(input.caller, area);
    const { ctx } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    const id = formText(form, "endpointId");
    switch (intent) {
      case "create":
        return attempt(ctx, intent, () => api.create(endpointFields(form)));
      case "update":
        return attempt(
          ctx,
          intent,
          () => api.update({ id, ...endpointFields(form), enabled: form.get("enabled") === "on" }),
          id,
        );
      case "rotate":
        return attempt(ctx, intent, () => api.rotateSecret({ id }), id);
      case "test":
        return attempt(ctx, intent, () => api.sendTest({ id }), id);
      case "replay": {
        const deliveryId = formText(form, "deliveryId");
        return attempt(ctx, intent, () => api.replay({ deliveryId }), deliveryId);
      }
      case "delete": {
        const result = await attempt(ctx, intent, () => api.delete({ id }), id);
        if (result.ok) throw redirect(`${webhookAreaPath[area]}?deleted=1`);
        return result;
      }
      default:
        return formFailure(ctx, intent, translate(ctx.locale, "errors.BAD_REQUEST"));
    }
  });
}
