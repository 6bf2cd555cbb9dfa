import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { ErrorPage } from "~/components/error-page";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireMentor } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useDateFormats, useFormatDuration, useFormatMoney, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { parseMoneyInput } from "~/lib/money";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.invitations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor") || undefined;
    const [offerings, page] = await Promise.all([
      input.caller.offerings.list(),
      input.caller.invitations.list({ limit: 25, ...(cursor ? { cursor } : {}) }),
    ]);
    return {
      offerings: offerings
        .filter((offering) => offering.status === "ACTIVE")
        .map(({ id, title, currency, options }) => ({
          id,
          title,
          currency,
          durations: options
            .filter((option) => option.archivedAt === null)
            .map((option) => option.durationMinutes),
        })),
      ...page,
      isFirstPage: !cursor,
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireMentor(request, input);
    const { caller, ctx } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    if (intent === "revoke") {
      const invitationId = formText(form, "invitationId");
      return attempt(ctx, intent, () => caller.invitations.revoke({ invitationId }), invitationId);
    }
    // "offeringId:durationMinutes": an invitation is for one duration of one offering.
    const [offeringId = "", duration = ""] = formText(form, "offeringOption").split(":");
    const durationMinutes = Number(duration);
    const offerings = await caller.offerings.list();
    const offering = offerings.find((candidate) => candidate.id === offeringId);
    const price = formText(form, "price");
    const priceMinor = price && offering ? parseMoneyInput(price, offering.currency) : undefined;
    if (priceMinor === null) {
      return formFailure(ctx, "create", translate(ctx.locale, "web.offerings.badPrice"));
    }
    const email = formText(form, "email");
    const days = Number(formText(form, "expiresInDays"));
    const created = await attempt(ctx, "create", () =>
      caller.invitations.create({
        offeringId,
        ...(Number.isInteger(durationMinutes) && durationMinutes > 0 ? { durationMinutes } : {}),
        ...(email ? { email } : {}),
        ...(priceMinor !== undefined ? { priceMinor } : {}),
        ...(Number.isInteger(days) && days > 0 ? { expiresInDays: days } : {}),
      }),
    );
    // The link is shown this once: it is never stored, only its hash.
    return created.ok
      ? { ok: true as const, intent: "create", link: created.result?.link ?? "", target: undefined }
      : created;
  });
}

export default function MentorInvitations() {
  const t = useT();
  const formatDuration = useFormatDuration();
  const formats = useDateFormats();
  const formatMoney = useFormatMoney();
  const { offerings, items, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const link = result?.ok && "link" in result ? result.link : null;

  return (
    <>
      <h1>{t("web.invitations.heading")}</h1>
      <p className="lead">{t("web.invitations.intro")}</p>
      {link ? (
        <div className="alert alert-success" role="status">
          <p>{t("web.invitations.created")}</p>
          <label htmlFor="invitation-link">{t("web.invitations.link")}</label>
          <input
            id="invitation-link"
            readOnly
            value={link}
            className="copy-field"
            data-testid="invitation-link"
          />
          <p className="small">{t("web.invitations.shownOnce")}</p>
        </div>
      ) : null}
      <StatusNotice
        message={result?.ok && result.intent === "revoke" ? t("web.invitations.revoked") : null}
      />

      <section className="card" aria-labelledby="new-invitation-heading">
        <h2 id="new-invitation-heading">{t("web.invitations.newHeading")}</h2>
        {offerings.length === 0 ? (
          <p>
            {t("web.invitations.noOfferings")}{" "}
            <Link to="/mentor/offerings">{t("web.mentorArea.offerings")}</Link>
          </p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create" />
            <div className="field">
              <label htmlFor="invitation-offering">{t("web.invitations.offering")}</label>
              <select id="invitation-offering" name="offeringOption" required>
                {offerings.flatMap((offering) =>
                  offering.durations.map((minutes) => (
                    <option key={`${offering.id}:${minutes}`} value={`${offering.id}:${minutes}`}>
                      {offering.title} · {formatDuration(minutes)} ({offering.currency})
                    </option>
                  )),
                )}
              </select>
            </div>
            <div className="field">
              <label htmlFor="invitation-email">{t("web.invitations.email")}</label>
              <p id="invitation-email-hint" className="hint">
                {t("web.invitations.emailHint")}
              </p>
              <input
                id="invitation-email"
                name="email"
                type="email"
                autoComplete="off"
                aria-describedby="invitation-email-hint"
              />
            </div>
            <div className="inline-fields">
              <div className="field">
                <label htmlFor="invitation-price">{t("web.invitations.price")}</label>
                <p id="invitation-price-hint" className="hint">
                  {t("web.invitations.priceHint")}
                </p>
                <input
                  id="invitation-price"
                  name="price"
                  inputMode="decimal"
                  size={8}
                  aria-describedby="invitation-price-hint"
                />
              </div>
              <div className="field">
                <label htmlFor="invitation-days">{t("web.invitations.expiresIn")}</label>
                <input
                  id="invitation-days"
                  name="expiresInDays"
                  type="number"
                  min={1}
                  max={60}
                  defaultValue={14}
                />
              </div>
            </div>
            <ActionAlert
              failure={result && !result.ok && result.intent === "create" ? result : null}
            />
            <div>
              <button type="submit" className="button">
                {t("web.invitations.create")}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t("web.invitations.listHeading")}</h2>
        {items.length === 0 ? (
          <p className="muted">{t("web.invitations.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("web.invitations.offering")}</th>
                  <th scope="col">{t("web.invitations.for")}</th>
                  <th scope="col">{t("web.invitations.priceColumn")}</th>
                  <th scope="col">{t("web.invitations.expires")}</th>
                  <th scope="col">{t("web.invitations.status")}</th>
                  <th scope="col">{t("web.invitations.uses")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("web.offerings.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.offeringTitle}</td>
                    <td>{invitation.email ?? t("web.invitations.anyone")}</td>
                    <td>
                      {invitation.priceMinor !== null && invitation.currency
                        ? formatMoney(invitation.priceMinor, invitation.currency)
                        : t("web.invitations.usualPrice")}
                    </td>
                    <td>{formats.longDate(invitation.expiresAt)}</td>
                    <td>{t(`web.invitations.statuses.${invitation.status}`)}</td>
                    <td>{invitation.usesCount}</td>
                    <td>
                      {invitation.status === "active" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="invitationId" value={invitation.id} />
                          <button type="submit" className="link-button danger">
                            {t("web.invitations.revoke")}
                          </button>
                        </Form>
                      ) : null}
                      <ActionAlert
                        failure={
                          result && !result.ok && result.target === invitation.id ? result : null
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label={t("web.admin.pagination")}>
          {isFirstPage ? null : <Link to="/mentor/invitations">{t("web.admin.firstPage")}</Link>}
          {nextCursor ? (
            <Link
              to={`/mentor/invitations?cursor=${encodeURIComponent(nextCursor)}`}
              className="button button-secondary"
            >
              {t("web.admin.nextPage")}
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
