import { createTreeTranslator, type MessageKey } from "@mentora/i18n";
import type { MetaFunction } from "@remix-run/node";
import type { RootData } from "./root-data";

/** The page's messages, as the root loader sent them. */
function rootTranslator(matches: ReadonlyArray<{ id: string; data?: unknown }>) {
  const root = matches.find((match) => match.id === "root")?.data as RootData | undefined;
  return createTreeTranslator(root?.messages ?? {});
}

/** "Page · Mentora" in the page's language, for route meta functions. */
export function pageTitle(
  matches: ReadonlyArray<{ id: string; data?: unknown }>,
  page: MessageKey,
): ReturnType<MetaFunction> {
  const t = rootTranslator(matches);
  const appName = t("common.appName");
  return [
    { title: t("web.meta.title", { page: t(page), appName }) },
    { name: "description", content: t("web.meta.description") },
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
  const t = rootTranslator(matches);
  const appName = t("common.appName");
  return [{ title: t("web.meta.title", { page: name, appName }) }, ...base.slice(1)];
}
