import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireMentor } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.mentorBlocks.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    return { blocked: await input.caller.mentorBlocks.list() };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireMentor(request, input);
    const { caller, ctx } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    const menteeId = formText(form, "menteeId");
    if (intent !== "unblock" || !menteeId) {
      return formFailure(ctx, intent, translate(ctx.locale, "errors.BAD_REQUEST"));
    }
    return attempt(ctx, intent, () => caller.mentorBlocks.unblock({ menteeId }), menteeId);
  });
}

/** The people this mentor blocked (they cannot book them), each with an unblock button. */
export default function MentorBlocked() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { blocked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("web.mentorBlocks.heading")}</h1>
      <p className="muted">{t("web.mentorBlocks.intro")}</p>
      <StatusNotice message={result?.ok ? t("web.mentorBlocks.unblocked") : null} />
      {blocked.length === 0 ? (
        <p className="card">{t("web.mentorBlocks.empty")}</p>
      ) : (
        <ul className="stack" data-testid="blocked-list">
          {blocked.map((person) => (
            <li key={person.menteeId} className="card" data-mentee-id={person.menteeId}>
              <p>
                <strong>{person.name}</strong>
                <span className="muted small block">
                  {t("web.mentorBlocks.blockedOn", {
                    date: formatDate(new Date(person.blockedAt)),
                  })}
                </span>
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="unblock" />
                <input type="hidden" name="menteeId" value={person.menteeId} />
                <button type="submit" className="button button-small button-secondary">
                  {t("web.mentorBlocks.unblock")}
                </button>
              </Form>
              <ActionAlert
                failure={result && !result.ok && result.target === person.menteeId ? result : null}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
