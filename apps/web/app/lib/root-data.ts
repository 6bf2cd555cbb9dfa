import type { Locale, MessageTree } from "@mentora/i18n";
import { useRouteLoaderData } from "@remix-run/react";

export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: "MENTEE" | "MENTOR" | "ADMIN";
}

/** The bell: the viewer's unread count and latest notifications (issue #15). */
export interface BellData {
  unread: number;
  latest: { id: string; text: string; path: string; createdAt: string; read: boolean }[];
}

/** What the root loader returns to every page. */
export interface RootData {
  locale: Locale;
  timeZone: string;
  /** True when the timezone comes from the profile (the browser's is then not sent). */
  profileTimeZone: boolean;
  requestId: string;
  viewer: Viewer | null;
  /** Signed-in viewers only. */
  bell: BellData | null;
  /** Dev-only pages (the outbox) exist outside production. */
  devTools: boolean;
  /** The messages this page needs, in `locale` only (the browser ships no catalogue). */
  messages: MessageTree;
  /** The viewer's newest realtime seq as this page was read: its stream starts after it. */
  realtimeSeq: string | null;
}

/** The root loader's data; undefined when the root loader itself failed. */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}
