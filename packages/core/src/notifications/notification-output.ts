import type { Locale } from "@mentora/i18n";
import { z } from "zod";
import { notificationKind } from "../contracts/index.ts";
import type { NotificationKind } from "./kinds.ts";
import { notificationLine } from "./lines.ts";
import type { NotificationData } from "./notify.ts";

export const notificationItem = z.object({
  id: z.string(),
  kind: notificationKind,
  /** The line, in the viewer's language and time zone. */
  text: z.string(),
  /** Where it links to, inside the app. */
  path: z.string(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});
export type NotificationItem = z.output<typeof notificationItem>;

/** A path of ours, or the page that lists everything (never a link to elsewhere). */
export function safePath(path: unknown): string {
  return typeof path === "string" && /^\/(?!\/)[^\s\\]*$/.test(path) ? path : "/notifications";
}

export function toNotificationItem(
  row: {
    id: string;
    kind: NotificationKind;
    data: unknown;
    createdAt: Date;
    readAt: Date | null;
  },
  viewer: { locale: Locale; timezone: string },
): NotificationItem {
  const data = (row.data ?? {}) as Partial<NotificationData>;
  return {
    id: row.id,
    kind: row.kind,
    text: notificationLine(row.kind, data, { locale: viewer.locale, timeZone: viewer.timezone }),
    path: safePath(data.path),
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}
