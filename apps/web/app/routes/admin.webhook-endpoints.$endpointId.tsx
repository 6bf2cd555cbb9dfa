import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EndpointDetail } from "~/components/webhook-endpoints";
import { pageTitle } from "~/lib/meta";
import { loadEndpointPage, webhookEndpointAction } from "~/lib/webhook-endpoints.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "web.webhookEndpoints.adminHeading");

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  loadEndpointPage(request, "admin", params.endpointId ?? "");

/** Admin changes and replays are audit-logged by the procedures. */
export const action = (args: ActionFunctionArgs) => webhookEndpointAction(args, "admin");

export default function AdminWebhookEndpoint() {
  const data = useLoaderData<typeof loader>();
  return <EndpointDetail listPath="/admin/webhook-endpoints" {...data} />;
}
