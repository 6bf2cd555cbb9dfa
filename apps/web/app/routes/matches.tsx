import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { ActionAlert } from "~/components/action-alert";
import { Avatar } from "~/components/avatar";
import { ErrorPage } from "~/components/error-page";
import { MatchRequestFields } from "~/components/match-request-fields";
import { attempt, formFailure, requireSession } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useLanguageName, useT } from "~/lib/i18n";
import { matchRequestFrom } from "~/lib/match-form";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.matches.title");

/** The viewer's latest request and its mentors; `?need=` prefills the box (from the directory). */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const latest = await input.caller.matching.latest({});
    const need = new URL(request.url).searchParams.get("need")?.slice(0, 2000) ?? "";
    return { latest, need };
  });
}

/** Ranks mentors for the description at once; the page then shows them (and they are e-mailed). */
export async function action({ request }: ActionFunctionArgs) {
  return withCaller(request, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const parsed = matchRequestFrom(await request.formData());
    if (!parsed?.success) {
      return formFailure(input.ctx, "request", translate(input.ctx.locale, "web.matches.invalid"));
    }
    const outcome = await attempt(input.ctx, "request", () =>
      input.caller.matching.request(parsed.data),
    );
    if (!outcome.ok) return outcome;
    throw redirect("/matches");
  });
}

export default function MatchesPage() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const languageName = useLanguageName();
  const { latest, need } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="container">
      <h1>{t("web.matches.heading")}</h1>
      <p className="muted">{t("web.matches.intro")}</p>
      {latest ? (
        <section className="card" aria-labelledby="matches-heading" data-testid="matches">
          <h2 id="matches-heading">{t("web.matches.results")}</h2>
          <p className="muted">
            {t("web.matches.yourRequest")} <q>{latest.text}</q>
          </p>
          {latest.matches.length === 0 ? (
            <p>{t("web.matches.none")}</p>
          ) : (
            <ol className="list">
              {latest.matches.map((match) => (
                <li key={match.mentorId} data-testid="match">
                  <Avatar name={match.name} src={match.avatarUrl} size={48} />{" "}
                  <Link to={`/mentors/${match.mentorId}`}>
                    <strong>{match.name}</strong>
                  </Link>
                  {match.headline ? <span className="muted"> — {match.headline}</span> : null}
                  <p data-testid="match-explanation">{match.explanation}</p>
                  <p className="muted small">
                    {match.languages.map(languageName).join(", ")}
                    {" · "}
                    {match.nextSlots.length > 0
                      ? t("web.matches.nextSlots", {
                          slots: match.nextSlots
                            .map((slot) => formatDate(new Date(slot)))
                            .join(", "),
                        })
                      : t("web.matches.noSlots")}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="ask-heading">
        <h2 id="ask-heading">{latest ? t("web.matches.askAgain") : t("web.matches.ask")}</h2>
        <Form method="post" className="stack">
          <MatchRequestFields defaultText={need} required />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("web.form.submitting") : t("web.matches.submit")}
          </button>
        </Form>
        <ActionAlert failure={failure && !failure.ok ? failure : null} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
