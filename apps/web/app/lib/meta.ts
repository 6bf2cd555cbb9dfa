import { defaultLocale, type MessageKey, translate } from "@mentora/i18n";
import type { MetaFunction } from "@remix-run/node";
import type { RootData } from "./root-data";

/** "Page · Mentora" in the page's language, for route meta functions. */
export function pageTitle(
  matches: ReadonlyArray<{ id: string; data?: unknown }>,
  page: MessageKey,
): ReturnType<MetaFunction> {
  const root = matches.find((match) => match.id === "root")?.data as RootData | undefined;
  const locale = root?.locale ?? defaultLocale;
  const appName = translate(locale, "common.appName");
  return [
    { title: translate(locale, "web.meta.title", { page: translate(locale, page), appName }) },
    { name: "description", content: translate(locale, "web.meta.description") },
  ];
}

/** "<name> · Mentora" for a page about someone or something, falling back to a page title. */
export function namedTitle(
  matches: ReadonlyArray<{ id: string; data?: unknown }>,
  name: string | undefined,
  fallback: MessageKey,
): ReturnType<MetaFunction> {
  const base = pageTitle(matches, fallback);
  if (!name) return base;
  const root = matches.find((match) => match.id === "root")?.data as RootData | undefined;
  const locale = root?.locale ?? defaultLocale;
  const appName = translate(locale, "common.appName");
  return [
    { title: translate(locale, "web.meta.title", { page: name, appName }) },
    ...base.slice(1),
  ];
}
