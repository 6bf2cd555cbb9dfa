import type { MetaFunction } from "@remix-run/node";
import { Link, useSearchParams } from "@remix-run/react";
import { StatusNotice } from "~/components/action-alert";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRootData } from "~/lib/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.home.title");

export default function Home() {
  const t = useT();
  const viewer = useRootData()?.viewer;
  const [search] = useSearchParams();
  return (
    <div className="container">
      <StatusNotice
        message={search.get("accountDeleted") === "1" ? t("web.home.accountDeleted") : null}
      />
      <div className="hero">
        <p className="eyebrow">{t("common.tagline")}</p>
        <h1>{t("web.home.heading")}</h1>
        <p className="lead">{t("web.home.intro")}</p>
        {viewer ? (
          <>
            <p>{t("web.home.welcomeBack", { name: viewer.name })}</p>
            <p className="actions">
              <Link to="/mentors" className="button">
                {t("web.home.findMentor")}
              </Link>
              <Link to="/account" className="button button-secondary">
                {t("web.home.goToAccount")}
              </Link>
            </p>
          </>
        ) : (
          <p className="actions">
            <Link to="/mentors" className="button">
              {t("web.home.findMentor")}
            </Link>
            <Link to="/sign-up" className="button button-secondary">
              {t("web.home.getStarted")}
            </Link>
            <Link to="/sign-in" className="link-inline">
              {t("web.home.signIn")}
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
