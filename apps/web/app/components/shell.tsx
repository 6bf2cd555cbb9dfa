import { locales } from "@mentora/i18n";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useFormatDateTime, useI18n, useT } from "~/lib/i18n";
import { useRevalidateOn } from "~/lib/realtime";
import type { BellData, Viewer } from "~/lib/root-data";

/**
 * The bell: the unread count, opening the latest lines (a <details>, so it works without
 * JavaScript) and a link to /notifications. Live: a new notification re-runs the root loader.
 */
function NotificationBell({ bell }: { bell: BellData }) {
  const t = useT();
  const formatDate = useFormatDateTime();
  useRevalidateOn(["notification"]);
  const label =
    bell.unread > 0
      ? t("web.layout.notificationsUnread", { count: bell.unread })
      : t("web.layout.notifications");
  return (
    <details className="bell" data-testid="bell">
      <summary aria-label={label} title={label}>
        <svg
          aria-hidden="true"
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {bell.unread > 0 ? (
          <span className="bell-count" data-testid="bell-count">
            {bell.unread > 99 ? "99+" : bell.unread}
          </span>
        ) : null}
      </summary>
      <div className="bell-panel">
        <h2 className="bell-heading">{t("web.layout.notificationsLatest")}</h2>
        {bell.latest.length === 0 ? (
          <p className="muted">{t("web.layout.notificationsNone")}</p>
        ) : (
          <ul className="plain-list bell-list">
            {bell.latest.map((item) => (
              <li
                key={item.id}
                className={item.read ? "bell-item" : "bell-item unread"}
                data-testid="bell-item"
              >
                <Link to={`/notifications/${item.id}`}>{item.text}</Link>
                <time className="muted small block" dateTime={item.createdAt}>
                  {formatDate(new Date(item.createdAt))}
                </time>
              </li>
            ))}
          </ul>
        )}
        <Link to="/notifications">{t("web.layout.notificationsAll")}</Link>
      </div>
    </details>
  );
}

export function SiteHeader({
  viewer,
  bell,
  devTools,
}: {
  viewer: Viewer | null;
  bell: BellData | null;
  devTools: boolean;
}) {
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
                  <NavLink to="/messages">{t("web.layout.messages")}</NavLink>
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
                {bell ? (
                  <li>
                    <NotificationBell bell={bell} />
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
