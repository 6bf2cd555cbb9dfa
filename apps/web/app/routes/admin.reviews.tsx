import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { type Column, DataTable } from "~/components/admin/data-table";
import { FilterForm } from "~/components/admin/filter-form";
import { Pager } from "~/components/admin/pager";
import { Stars } from "~/components/reviews/stars";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { formText } from "~/lib/forms";
import { attempt, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminReviews.title");

const filters = ["flagged", "visible", "hidden", "all"] as const;
type Filter = (typeof filters)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const params = new URL(request.url).searchParams;
    const asked = params.get("filter");
    const filter: Filter = filters.includes(asked as Filter) ? (asked as Filter) : "flagged";
    const cursor = params.get("cursor") || undefined;
    const page = await input.caller.admin.reviews.list({
      filter,
      limit: 25,
      ...(cursor ? { cursor } : {}),
    });
    return { ...page, filter, isFirstPage: !cursor };
  });
}

/** Hide (with a reason), show again, or keep a flagged review published. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const form = await request.formData();
    const reviewId = formText(form, "reviewId");
    const decision = formText(form, "decision");
    if (decision === "hide") {
      const reason = formText(form, "reason");
      return attempt(
        input.ctx,
        decision,
        () => input.caller.admin.reviews.hide({ reviewId, reason }),
        reviewId,
      );
    }
    if (decision === "unhide") {
      return attempt(
        input.ctx,
        decision,
        () => input.caller.admin.reviews.unhide({ reviewId }),
        reviewId,
      );
    }
    return attempt(
      input.ctx,
      "keep",
      () => input.caller.admin.reviews.keep({ reviewId }),
      reviewId,
    );
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

/** Reviews for the admins (issue #18): the flagged queue first, then any state. */
export default function AdminReviews() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, isFirstPage, filter } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const columns: Column<Row>[] = [
    {
      id: "date",
      header: t("web.adminReviews.date"),
      sortValue: (row) => new Date(row.createdAt),
      cell: (row) => formatDate(new Date(row.createdAt)),
    },
    {
      id: "rating",
      header: t("web.adminReviews.rating"),
      sortValue: (row) => row.rating,
      cell: (row) => <Stars value={row.rating} />,
    },
    {
      id: "people",
      header: t("web.adminReviews.people"),
      cell: (row) => `${row.author?.name ?? "—"} → ${row.mentor?.name ?? "—"}`,
    },
    {
      id: "review",
      header: t("web.adminReviews.review"),
      cell: (row) => (
        <div className="flex max-w-prose flex-col gap-1" data-testid="admin-review-text">
          {row.text ? <p className="whitespace-pre-line">{row.text}</p> : null}
          {row.answer ? (
            <p className="text-sm text-muted">
              {t("web.adminReviews.answer", { answer: row.answer })}
            </p>
          ) : null}
          {row.flagReason && row.flagged ? (
            <p className="text-sm">
              {t("web.adminReviews.flaggedBecause", { reason: row.flagReason })}
            </p>
          ) : null}
          {row.hidden && row.hiddenReason ? (
            <p className="text-sm">
              {t("web.adminReviews.hiddenBecause", { reason: row.hiddenReason })}
            </p>
          ) : null}
        </div>
      ),
    },
    {
      id: "state",
      header: t("web.adminReviews.state"),
      cell: (row) => (
        <span className="flex flex-wrap gap-1">
          {row.hidden ? (
            <Badge tone="danger">{t("web.adminReviews.stateName.hidden")}</Badge>
          ) : (
            <Badge tone="success">{t("web.adminReviews.stateName.visible")}</Badge>
          )}
          {row.flagged ? <Badge>{t("web.adminReviews.stateName.flagged")}</Badge> : null}
        </span>
      ),
    },
    {
      id: "actions",
      header: t("web.adminReviews.actions"),
      cell: (row) => (
        <div className="flex flex-col gap-2">
          {row.hidden ? (
            <Form method="post">
              <input type="hidden" name="reviewId" value={row.id} />
              <Button
                type="submit"
                name="decision"
                value="unhide"
                size="sm"
                variant="secondary"
                disabled={busy}
              >
                {t("web.adminReviews.unhide")}
              </Button>
            </Form>
          ) : (
            <Form method="post" className="flex flex-col gap-1">
              <input type="hidden" name="reviewId" value={row.id} />
              <label htmlFor={`reason-${row.id}`} className="text-sm">
                {t("web.adminReviews.reason")}
              </label>
              <input id={`reason-${row.id}`} name="reason" required maxLength={500} />
              <Button
                type="submit"
                name="decision"
                value="hide"
                size="sm"
                variant="danger"
                disabled={busy}
              >
                {t("web.adminReviews.hide")}
              </Button>
            </Form>
          )}
          {row.flagged && !row.hidden ? (
            <Form method="post">
              <input type="hidden" name="reviewId" value={row.id} />
              <Button
                type="submit"
                name="decision"
                value="keep"
                size="sm"
                variant="secondary"
                disabled={busy}
              >
                {t("web.adminReviews.keep")}
              </Button>
            </Form>
          ) : null}
          <ActionAlert failure={result && !result.ok && result.target === row.id ? result : null} />
        </div>
      ),
    },
  ];
  return (
    <div className="stack">
      <h1>{t("web.adminReviews.heading")}</h1>
      <p className="muted">{t("web.adminReviews.intro")}</p>
      <FilterForm
        path="/admin/reviews"
        fields={[
          {
            kind: "select",
            name: "filter",
            label: t("web.adminReviews.filter"),
            options: filters.map((value) => ({
              value,
              label: t(`web.adminReviews.filters.${value}`),
            })),
          },
        ]}
        values={{ filter }}
      />
      <StatusNotice message={result?.ok ? t("web.adminReviews.decided") : null} />
      <DataTable
        caption={t("web.adminReviews.caption")}
        columns={columns}
        rows={items}
        rowKey={(row) => row.id}
        rowProps={(row) => ({ "data-review-id": row.id })}
        empty={<p className="card">{t("web.adminReviews.empty")}</p>}
        testId="admin-reviews"
      />
      <Pager
        path="/admin/reviews"
        query={`filter=${filter}`}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
      />
    </div>
  );
}
