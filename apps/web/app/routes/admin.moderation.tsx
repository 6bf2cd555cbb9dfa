import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { Pager } from "~/components/admin/pager";
import { formText } from "~/lib/forms";
import { attempt, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminModeration.title");

const statuses = ["PENDING", "BLOCKED", "APPROVED", "REJECTED"] as const;
type Status = (typeof statuses)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const params = new URL(request.url).searchParams;
    const asked = params.get("status");
    const status: Status = statuses.find((value) => value === asked) ?? "PENDING";
    const cursor = params.get("cursor") || undefined;
    const page = await input.caller.admin.moderation.list({
      status,
      limit: 25,
      ...(cursor ? { cursor } : {}),
    });
    return { ...page, status, isFirstPage: !cursor };
  });
}

/** Approve (publish) or reject (keep withheld) one case, with a note for its author. */
export async function action({ request }: ActionFunctionArgs) {
  return withCaller(request, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const form = await request.formData();
    const caseId = formText(form, "caseId");
    const decision = formText(form, "decision") === "reject" ? "reject" : "approve";
    const note = formText(form, "note");
    return attempt(
      input.ctx,
      decision,
      () => input.caller.admin.moderation.decide({ caseId, decision, note }),
      caseId,
    );
  });
}

/** Admin → Moderation: what the provider flagged, with the content, scores and reasons. */
export default function AdminModeration() {
  const t = useT();
  // Moderation changes reach this page as they happen (the realtime stream).
  useRevalidateOn(["admin.moderation"]);
  const formatDate = useFormatDateTime();
  const { items, nextCursor, status, isFirstPage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const open = status === "PENDING" || status === "BLOCKED";
  return (
    <>
      <h1>{t("web.adminModeration.heading")}</h1>
      <p className="muted">{t("web.adminModeration.intro")}</p>
      <nav aria-label={t("web.adminModeration.filter")}>
        <ul className="inline-list">
          {statuses.map((value) => (
            <li key={value}>
              <Link
                to={`/admin/moderation?status=${value}`}
                aria-current={value === status ? "page" : undefined}
              >
                {t(`web.adminModeration.status.${value}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <StatusNotice
        message={
          result?.ok && result.result
            ? t(`web.adminModeration.decided.${result.result.status}`)
            : null
        }
      />
      {items.length === 0 ? (
        <p className="muted">{t("web.adminModeration.empty")}</p>
      ) : (
        <ul className="list" data-testid="moderation-queue">
          {items.map((item) => {
            const failure = result && !result.ok && result.target === item.id ? result : null;
            return (
              <li key={item.id} className="card" data-testid="moderation-case">
                <h2 className="h3">
                  {t(`web.adminModeration.subject.${item.subject}`)} — {item.author.name}{" "}
                  <span className="muted small">({item.author.email})</span>
                </h2>
                <p className="muted small">
                  {t("web.adminModeration.meta", {
                    verdict: item.verdict,
                    provider: item.provider,
                    date: formatDate(new Date(item.createdAt)),
                  })}
                  {item.withheld ? ` · ${t("web.adminModeration.withheld")}` : ""}
                </p>
                {item.text ? (
                  <dl className="details">
                    <dt>{t("web.adminModeration.headline")}</dt>
                    <dd>{item.text.headline ?? "—"}</dd>
                    <dt>{t("web.adminModeration.bio")}</dt>
                    <dd className="prewrap">{item.text.bio ?? "—"}</dd>
                    <dt>{t("web.adminModeration.skills")}</dt>
                    <dd>{item.text.skills.join(", ") || "—"}</dd>
                    {item.text.offerings.map((offering, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a snapshot's offerings have no id
                      <div key={index}>
                        <dt>{t("web.adminModeration.offering")}</dt>
                        <dd>
                          <strong>{offering.title}</strong> {offering.description}
                        </dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                {item.imageUrl ? (
                  <img
                    src={item.imageUrl}
                    alt={t("web.adminModeration.imageAlt", { name: item.author.name })}
                    width={128}
                    height={128}
                  />
                ) : null}
                <ul data-testid="moderation-reasons">
                  {item.reasons.map((reason) => (
                    <li key={`${reason.category}:${reason.message}`}>
                      <strong>{reason.category}</strong> ({reason.score.toFixed(2)}):{" "}
                      {reason.message}
                    </li>
                  ))}
                </ul>
                <p className="muted small">
                  {t("web.adminModeration.scores")}{" "}
                  {Object.entries(item.scores)
                    .map(([category, score]) => `${category} ${score.toFixed(2)}`)
                    .join(" · ") || "—"}
                </p>
                {item.note ? <p>{t("web.adminModeration.note", { note: item.note })}</p> : null}
                {open ? (
                  <Form method="post" className="stack">
                    <input type="hidden" name="caseId" value={item.id} />
                    <label htmlFor={`note-${item.id}`}>{t("web.adminModeration.noteLabel")}</label>
                    <textarea id={`note-${item.id}`} name="note" rows={2} maxLength={2000} />
                    <div className="actions">
                      <button
                        type="submit"
                        name="decision"
                        value="approve"
                        className="button"
                        disabled={busy}
                      >
                        {t("web.adminModeration.approve")}
                      </button>
                      <button
                        type="submit"
                        name="decision"
                        value="reject"
                        className="button button-secondary"
                        disabled={busy}
                      >
                        {t("web.adminModeration.reject")}
                      </button>
                    </div>
                  </Form>
                ) : null}
                <ActionAlert failure={failure} />
              </li>
            );
          })}
        </ul>
      )}
      <Pager
        path="/admin/moderation"
        query={`status=${status}`}
        nextCursor={nextCursor}
        isFirstPage={isFirstPage}
      />
    </>
  );
}
