import { locales } from "@mentora/i18n";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useI18n, useT } from "~/lib/i18n";
import type { Viewer } from "~/lib/root-data";

export function SiteHeader({ viewer, devTools }: { viewer: Viewer | null; devTools: boolean }) {
  const t = useT();
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          {t("common.appName")}
        </Link>
        <nav aria-label={t("web.layout.mainNav")}>
          <ul className="nav-list">
            <li>
              <NavLink to="/mentors">{t("web.layout.mentors")}</NavLink>
            </li>
            {viewer ? (
              <>
                <li>
                  <NavLink to="/bookings">{t("web.layout.bookings")}</NavLink>
                </li>
                <li>
                  <NavLink to="/wallet">{t("web.layout.wallet")}</NavLink>
                </li>
                <li>
                  <NavLink to="/receipts">{t("web.layout.receipts")}</NavLink>
                </li>
                <li>
                  <NavLink to="/activity">{t("web.layout.activity")}</NavLink>
                </li>
              </>
            ) : null}
            {viewer?.role === "MENTOR" ? (
              <li>
                <NavLink to="/mentor">{t("web.layout.mentorArea")}</NavLink>
              </li>
            ) : null}
            {devTools ? (
              <li>
                <NavLink to="/dev/outbox">{t("web.layout.devOutbox")}</NavLink>
              </li>
            ) : null}
            {viewer ? (
              <>
                {viewer.role === "ADMIN" ? (
                  <li>
                    <NavLink to="/admin">{t("web.layout.admin")}</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/account">{t("web.layout.account")}</NavLink>
                </li>
                <li>
                  <Form method="post" action="/sign-out">
                    <button type="submit" className="link-button">
                      {t("web.layout.signOut")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/sign-in">{t("web.layout.signIn")}</NavLink>
                </li>
                <li>
                  <NavLink to="/sign-up" className="button button-small">
                    {t("web.layout.signUp")}
                  </NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** Anonymous visitors pick a language here (a cookie); signed-in users set it in their account. */
function LanguageSwitcher() {
  const { t, locale } = useI18n();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="language-switcher">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <label htmlFor="language-switcher">{t("web.layout.language")}</label>
      <select id="language-switcher" name="locale" defaultValue={locale} key={locale}>
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`web.languages.${code}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small button-secondary">
        {t("web.layout.changeLanguage")}
      </button>
    </Form>
  );
}

export function SiteFooter({ showLanguageSwitcher }: { showLanguageSwitcher: boolean }) {
  const t = useT();
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        <p>
          {t("web.layout.footer", { year: new Date().getFullYear(), appName: t("common.appName") })}
        </p>
        {showLanguageSwitcher ? <LanguageSwitcher /> : null}
      </div>
    </footer>
  );
}
