import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { StatusNotice } from "~/components/action-alert";
import {
  EndpointStatus,
  NewEndpointForm,
  SecretNotice,
  secretOf,
} from "~/components/webhook-endpoints";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";
import { requireWebhookArea, webhookEndpointAction } from "~/lib/webhook-endpoints.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.webhookEndpoints.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireWebhookArea(request, input, "mentor");
    return {
      endpoints: await input.caller.webhookEndpoints.list(),
      deleted: new URL(request.url).searchParams.get("deleted") === "1",
    };
  });
}

export const action = (args: ActionFunctionArgs) => webhookEndpointAction(args, "mentor");

/** A mentor's webhook endpoints (their own events), and the form that adds one. */
export default function MentorWebhooks() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { endpoints, deleted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result?.ok && result.intent === "create" ? result.result : null;
  return (
    <>
      <h1>{t("web.webhookEndpoints.heading")}</h1>
      <p className="lead">{t("web.webhookEndpoints.intro")}</p>
      <StatusNotice
        message={
          created
            ? t("web.webhookEndpoints.created")
            : deleted
              ? t("web.webhookEndpoints.deleted")
              : null
        }
      />
      <SecretNotice secret={secretOf(result)} />
      {endpoints.length === 0 ? (
        <p className="card">{t("web.webhookEndpoints.empty")}</p>
      ) : (
        <ul className="stack plain-list" data-testid="webhook-endpoints">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className="card" data-endpoint-id={endpoint.id}>
              <p className="prose">
                <strong>{endpoint.url}</strong> <EndpointStatus endpoint={endpoint} />
              </p>
              {endpoint.description ? <p className="muted">{endpoint.description}</p> : null}
              <p className="small">
                {endpoint.events.map((type) => (
                  <code key={type}>{type} </code>
                ))}
              </p>
              <p className="small muted">
                {t("web.webhookEndpoints.createdAt")}: {formatDate(new Date(endpoint.createdAt))}
              </p>
              <Link
                to={`/mentor/webhooks/${endpoint.id}`}
                className="button button-small button-secondary"
                aria-label={t("web.webhookEndpoints.manageLabel", { url: endpoint.url })}
              >
                {t("web.webhookEndpoints.manage")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <NewEndpointForm heading={t("web.webhookEndpoints.newHeading")} />
    </>
  );
}
