import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/lib/guards.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminAccounting.title");

/** Defaults: last month for the archive, last year for the FEC. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const now = new Date();
    const firstOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const lastMonthEnd = new Date(firstOfMonth.getTime() - 86_400_000);
    const lastMonthStart = new Date(
      Date.UTC(lastMonthEnd.getUTCFullYear(), lastMonthEnd.getUTCMonth(), 1),
    );
    const day = (date: Date) => date.toISOString().slice(0, 10);
    return {
      from: day(lastMonthStart),
      to: day(lastMonthEnd),
      year: now.getUTCFullYear() - 1,
    };
  });
}

/**
 * The accountant's downloads: plain GET forms to the resource routes (a full page load, so
 * the browser saves the file; the routes check the admin, the fresh sign-in, and audit-log).
 */
export default function AdminAccounting() {
  const t = useT();
  const { from, to, year } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("web.adminAccounting.heading")}</h1>
      <p className="muted">{t("web.adminAccounting.intro")}</p>
      <section className="card stack" aria-labelledby="archive-heading">
        <h2 id="archive-heading">{t("web.adminAccounting.archiveHeading")}</h2>
        <p className="small muted">{t("web.adminAccounting.archiveIntro")}</p>
        <form method="get" action="/admin/accounting.zip" className="stack">
          <div className="field">
            <label htmlFor="archive-from">{t("web.adminAccounting.from")}</label>
            <input id="archive-from" name="from" type="date" required defaultValue={from} />
          </div>
          <div className="field">
            <label htmlFor="archive-to">{t("web.adminAccounting.to")}</label>
            <input id="archive-to" name="to" type="date" required defaultValue={to} />
          </div>
          <div className="form-footer">
            <button type="submit" className="button">
              {t("web.adminAccounting.downloadArchive")}
            </button>
          </div>
        </form>
      </section>
      <section className="card stack" aria-labelledby="fec-heading">
        <h2 id="fec-heading">{t("web.adminAccounting.fecHeading")}</h2>
        <p className="small muted">{t("web.adminAccounting.fecIntro")}</p>
        <form method="get" action="/admin/fec.txt" className="stack">
          <div className="field">
            <label htmlFor="fec-year">{t("web.adminAccounting.year")}</label>
            <input
              id="fec-year"
              name="year"
              type="number"
              min={2000}
              max={2100}
              required
              defaultValue={year}
            />
          </div>
          <div className="field">
            <label htmlFor="fec-currency">{t("web.adminAccounting.currency")}</label>
            <input
              id="fec-currency"
              name="currency"
              maxLength={3}
              defaultValue="EUR"
              aria-describedby="fec-currency-hint"
            />
            <p id="fec-currency-hint" className="small muted">
              {t("web.adminAccounting.fecCurrencyHint")}
            </p>
          </div>
          <div className="form-footer">
            <button type="submit" className="button">
              {t("web.adminAccounting.downloadFec")}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
