import { defaultLocale, namespaces, pickMessages } from "@mentora/i18n";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useRevalidator,
  useRouteError,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { ErrorPage } from "~/components/error-page";
import { SiteFooter, SiteHeader } from "~/components/shell";
import { ONE_YEAR_SECONDS, TIMEZONE_COOKIE } from "~/lib/cookies";
import { setCookieHeaders } from "~/lib/http.server";
import { I18nProvider, useT } from "~/lib/i18n";
import { messageNamespacesOf } from "~/lib/load-context";
import { pageTitle } from "~/lib/meta";
import { useNonce } from "~/lib/nonce";
import { realtimeSeqFor } from "~/lib/realtime.server";
import { type BellData, type RootData, useRootData, type Viewer } from "~/lib/root-data";
import { type Caller, getCaller } from "~/lib/trpc.server";

import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

function isRole(value: unknown): value is Viewer["role"] {
  return value === "MENTEE" || value === "MENTOR" || value === "ADMIN";
}

/** The bell's count and latest lines, read with the viewer's own rights (one query). */
async function bellOf(caller: Caller): Promise<BellData> {
  const { unread, latest } = await caller.notifications.bell({ limit: 5 });
  return {
    unread,
    latest: latest.map((item) => ({
      id: item.id,
      text: item.text,
      path: item.path,
      createdAt: item.createdAt.toISOString(),
      read: item.readAt !== null,
    })),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  // With the load context: the page's loader shares this context (one session lookup).
  const { ctx, caller } = await getCaller({ request, context });
  const user = ctx.session?.user;
  // Read before the bell: the tab's stream replays every change after this seq, so one committed
  // while the bell is being read arrives again instead of being lost.
  const realtimeSeq = await realtimeSeqFor(ctx);
  const rootData: RootData = {
    locale: ctx.locale,
    timeZone: ctx.timezone,
    profileTimeZone: Boolean(user?.timezone),
    requestId: ctx.requestId,
    viewer: user
      ? {
          id: user.id,
          name: user.name,
          email: user.email,
          role: isRole(user.role) ? user.role : "MENTEE",
        }
      : null,
    bell: user ? await bellOf(caller) : null,
    devTools: ctx.services.config.app.env !== "production",
    // Only the viewer's locale, only what this page names (decision 024).
    messages: pickMessages(ctx.locale, messageNamespacesOf(context, namespaces)),
    realtimeSeq,
  };
  // Cookies an auth call set while building the context (a renewed session) go back out.
  return data(rootData, { headers: setCookieHeaders(ctx.resHeaders) });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.home.title");

/** The root sends the page's messages: a move to another page fetches that page's. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => defaultShouldRevalidate || currentUrl.pathname !== nextUrl.pathname;

/**
 * Sends the browser's timezone once (as a cookie) so server-rendered times are in the viewer's
 * zone; the profile's timezone, when set, wins and this does nothing.
 */
let timeZoneSent = false;
function useBrowserTimeZone(root: RootData | undefined) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!root || root.profileTimeZone || timeZoneSent) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === root.timeZone) return;
    timeZoneSent = true;
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server
    document.cookie = `${TIMEZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
    revalidator.revalidate();
  }, [root, revalidator]);
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const locale = root?.locale ?? defaultLocale;
  const nonce = useNonce();
  useBrowserTimeZone(root);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider
          locale={locale}
          timeZone={root?.timeZone ?? "UTC"}
          messages={root?.messages ?? {}}
        >
          <SkipLink />
          <SiteHeader
            viewer={root?.viewer ?? null}
            bell={root?.bell ?? null}
            devTools={root?.devTools ?? false}
          />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter showLanguageSwitcher={!root?.viewer} />
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SkipLink() {
  const t = useT();
  return (
    <a className="skip-link" href="#main">
      {t("web.layout.skipToContent")}
    </a>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
