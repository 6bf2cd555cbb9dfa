import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EndpointDetail } from "~/components/webhook-endpoints";
import { pageTitle } from "~/lib/meta";
import { loadEndpointPage, webhookEndpointAction } from "~/lib/webhook-endpoints.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.webhookEndpoints.title");

/** Another mentor's endpoint is a 404: the procedures answer NOT_FOUND. */
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  loadEndpointPage(request, "mentor", params.endpointId ?? "");

export const action = (args: ActionFunctionArgs) => webhookEndpointAction(args, "mentor");

export default function MentorWebhookEndpoint() {
  const data = useLoaderData<typeof loader>();
  return <EndpointDetail listPath="/mentor/webhooks" {...data} />;
}
