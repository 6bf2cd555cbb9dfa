import { locales } from "@mentora/i18n";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Button } from "~/components/ui/button";
import { Select } from "~/components/ui/select";
import { cn } from "~/lib/cn";
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
    <details className="bell static lg:relative" data-testid="bell">
      <summary aria-label={label} title={label} className="hover:bg-surface-muted">
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
      <div className="bell-panel top-full right-2 left-2 w-auto lg:top-auto lg:right-0 lg:left-auto lg:w-[22rem]">
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

const navLinkClass =
  "rounded-md px-2.5 py-1.5 font-medium text-text no-underline hover:bg-surface-muted hover:text-primary aria-[current=page]:text-primary aria-[current=page]:underline aria-[current=page]:underline-offset-4";
const menuLinkClass =
  "block rounded-md px-3 py-2 font-medium text-text no-underline hover:bg-surface-muted hover:text-primary aria-[current=page]:bg-primary-soft aria-[current=page]:text-info";
const summaryClass =
  "flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 font-medium text-text hover:bg-surface-muted [&::-webkit-details-marker]:hidden";
const panelClass =
  "absolute right-0 z-40 mt-2 rounded-lg border border-border bg-surface p-2 text-text shadow-popover";

/**
 * A `<details>` menu (works without JavaScript) that, with JavaScript, also closes on a
 * navigation, on Escape and on a click elsewhere, as a menu is expected to.
 */
function useDisclosure() {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every navigation
  useEffect(() => {
    ref.current?.removeAttribute("open");
  }, [location.key]);
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.removeAttribute("open");
        details.querySelector("summary")?.focus();
        return;
      }
      if (event.target instanceof Node && !details.contains(event.target)) {
        details.removeAttribute("open");
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, []);
  return ref;
}

function Logo() {
  return (
    <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32" className="shrink-0">
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path
        d="M8 23V10l8 8 8-8v13"
        fill="none"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="stroke-on-primary"
      />
    </svg>
  );
}

function SignOutButton({ className }: { className: string }) {
  const t = useT();
  return (
    <Form method="post" action="/sign-out">
      <button type="submit" className={className}>
        {t("web.layout.signOut")}
      </button>
    </Form>
  );
}

interface NavItem {
  to: string;
  label: string;
}

/** The links of the main navigation, in order, for this viewer. */
function mainNavItems(viewer: Viewer | null, devTools: boolean, t: ReturnType<typeof useT>) {
  const items: NavItem[] = [{ to: "/mentors", label: t("web.layout.mentors") }];
  if (viewer) {
    items.push(
      { to: "/bookings", label: t("web.layout.bookings") },
      { to: "/messages", label: t("web.layout.messages") },
      { to: "/activity", label: t("web.layout.activity") },
    );
    if (viewer.role === "MENTOR") items.push({ to: "/mentor", label: t("web.layout.mentorArea") });
    if (viewer.role === "ADMIN") items.push({ to: "/admin", label: t("web.layout.admin") });
  }
  if (devTools) items.push({ to: "/dev/outbox", label: t("web.layout.devOutbox") });
  return items;
}

/** The signed-in viewer's own pages. */
function accountItems(t: ReturnType<typeof useT>): NavItem[] {
  return [
    { to: "/account", label: t("web.layout.account") },
    { to: "/wallet", label: t("web.layout.wallet") },
    { to: "/receipts", label: t("web.layout.receipts") },
  ];
}

/** The account menu: who is signed in, their own pages and signing out. */
function AccountMenu({ viewer }: { viewer: Viewer }) {
  const t = useT();
  const ref = useDisclosure();
  return (
    <details ref={ref} className="relative" data-testid="account-menu">
      <summary className={summaryClass}>
        <span
          aria-hidden="true"
          className="inline-flex size-8 items-center justify-center rounded-full bg-primary-soft text-sm font-semibold text-info"
        >
          {initialsOf(viewer.name)}
        </span>
        <span className="max-w-40 truncate">{viewer.name}</span>
        <span className="sr-only">{t("web.layout.accountMenu")}</span>
        <Chevron />
      </summary>
      <div className={cn(panelClass, "w-64")}>
        <p className="mb-1 border-b border-divider px-3 pt-1 pb-2 text-sm text-muted">
          {t("web.layout.signedInAs")}{" "}
          <span className="block truncate font-medium text-text">{viewer.email}</span>
        </p>
        <ul className="m-0 list-none p-0">
          {accountItems(t).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className={menuLinkClass}>
                {item.label}
              </NavLink>
            </li>
          ))}
          <li className="mt-1 border-t border-divider pt-1">
            <SignOutButton className={cn(menuLinkClass, "w-full cursor-pointer text-left")} />
          </li>
        </ul>
      </div>
    </details>
  );
}

/** Below the desktop breakpoint: every link in one disclosure (a phone at 360 px, no JavaScript needed). */
function MobileMenu({ viewer, items }: { viewer: Viewer | null; items: NavItem[] }) {
  const t = useT();
  const ref = useDisclosure();
  return (
    <details ref={ref} className="lg:hidden" data-testid="mobile-menu">
      <summary className={summaryClass}>
        <svg
          aria-hidden="true"
          width="22"
          height="22"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        >
          <path d="M4 6h16M4 12h16M4 18h16" />
        </svg>
        <span>{t("web.layout.menu")}</span>
      </summary>
      <div className="absolute inset-x-0 top-full z-40 border-b border-border bg-surface shadow-popover">
        <nav aria-label={t("web.layout.mainNav")} className="container py-3">
          <ul className="m-0 grid list-none gap-1 p-0">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={menuLinkClass}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
          <div className="mt-2 border-t border-divider pt-2">
            {viewer ? (
              <ul className="m-0 grid list-none gap-1 p-0">
                <li className="px-3 py-1 text-sm text-muted">
                  {t("web.layout.signedInAs")}{" "}
                  <span className="font-medium text-text">{viewer.email}</span>
                </li>
                {accountItems(t).map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} className={menuLinkClass}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
                <li>
                  <SignOutButton className={cn(menuLinkClass, "w-full cursor-pointer text-left")} />
                </li>
              </ul>
            ) : (
              <div className="flex flex-wrap gap-2 px-3 py-1">
                <Button asChild variant="secondary" size="sm">
                  <Link to="/sign-in">{t("web.layout.signIn")}</Link>
                </Button>
                <Button asChild size="sm">
                  <Link to="/sign-up">{t("web.layout.signUp")}</Link>
                </Button>
              </div>
            )}
          </div>
        </nav>
      </div>
    </details>
  );
}

function Chevron() {
  return (
    <svg
      aria-hidden="true"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
      className="text-muted"
    >
      <path d="m6 9 6 6 6-6" />
    </svg>
  );
}

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
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
  const items = mainNavItems(viewer, devTools, t);
  return (
    <header className="site-header relative border-b border-border bg-surface">
      <div className="container-wide flex min-h-16 items-center gap-3">
        <Link
          to="/"
          className="brand mr-auto flex items-center gap-2 text-xl font-extrabold tracking-tight text-text no-underline hover:text-primary"
        >
          <Logo />
          {t("common.appName")}
        </Link>
        <nav aria-label={t("web.layout.mainNav")} className="hidden lg:block">
          <ul className="m-0 flex list-none items-center gap-1 p-0">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={navLinkClass}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {bell ? <NotificationBell bell={bell} /> : null}
        {viewer ? (
          <div className="hidden lg:block">
            <AccountMenu viewer={viewer} />
          </div>
        ) : (
          <div className="hidden items-center gap-2 lg:flex">
            <NavLink to="/sign-in" className={navLinkClass}>
              {t("web.layout.signIn")}
            </NavLink>
            <Button asChild size="sm">
              <NavLink to="/sign-up">{t("web.layout.signUp")}</NavLink>
            </Button>
          </div>
        )}
        <MobileMenu viewer={viewer} items={items} />
      </div>
    </header>
  );
}

/** Anonymous visitors pick a language here (a cookie); signed-in users set it in their account. */
function LanguageSwitcher() {
  const { t, locale } = useI18n();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="language-switcher flex items-center gap-2">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <label htmlFor="language-switcher" className="font-medium text-text">
        {t("web.layout.language")}
      </label>
      <Select
        id="language-switcher"
        name="locale"
        defaultValue={locale}
        key={locale}
        className="w-auto py-1.5"
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`web.languages.${code}`)}
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" size="sm">
        {t("web.layout.changeLanguage")}
      </Button>
    </Form>
  );
}

export function SiteFooter({ showLanguageSwitcher }: { showLanguageSwitcher: boolean }) {
  const t = useT();
  return (
    <footer className="site-footer border-t border-border bg-surface text-sm text-muted">
      <div className="container-wide flex flex-col gap-6 py-8 md:flex-row md:items-start md:justify-between">
        <div className="max-w-sm">
          <p className="mb-1 flex items-center gap-2 text-base font-bold text-text">
            <Logo />
            {t("common.appName")}
          </p>
          <p className="m-0">{t("web.layout.tagline")}</p>
        </div>
        <nav aria-label={t("web.layout.footerNav")}>
          <ul className="m-0 flex list-none flex-wrap gap-x-5 gap-y-2 p-0">
            <li>
              <Link to="/mentors" className="text-muted hover:text-primary">
                {t("web.layout.findMentor")}
              </Link>
            </li>
            <li>
              <Link to="/mentor/apply" className="text-muted hover:text-primary">
                {t("web.layout.becomeMentor")}
              </Link>
            </li>
          </ul>
        </nav>
        {showLanguageSwitcher ? <LanguageSwitcher /> : null}
      </div>
      <div className="border-t border-divider">
        <p className="container-wide m-0 py-4">
          {t("web.layout.footer", { year: new Date().getFullYear(), appName: t("common.appName") })}
        </p>
      </div>
    </footer>
  );
}
