import { interpolate, lookup, type MessageTree, namespaceOf } from "./catalog.ts";
import type { Locale } from "./locales.ts";
import { type Messages, messages } from "./messages/index.ts";

/** "auth.signIn.title"-style keys of every leaf string, derived from the English messages. */
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export { interpolate };

export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const template = lookup(messages[locale], key) ?? lookup(messages.en, key) ?? key;
  return interpolate(template, vars);
}

export function createTranslator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}

/** True when a runtime string (e.g. an error code from the server) names a message. */
export function hasMessage(key: string): key is MessageKey {
  return lookup(messages.en, key) !== undefined;
}

/** Every namespace of the catalogue ("common", "errors", "email", "web.account", …). */
export function namespaces(): string[] {
  const { web, ...rest } = messages.en;
  return [...Object.keys(rest), ...Object.keys(web).map((name) => `web.${name}`)];
}

/**
 * The messages of some namespaces in one locale (missing keys filled from English): what a page
 * sends the browser instead of the whole catalogue.
 */
export function pickMessages(locale: Locale, wanted: Iterable<string>): MessageTree {
  const tree: MessageTree = {};
  for (const namespace of new Set(wanted)) {
    const [top = "", sub] = namespace.split(".");
    const source = (name: "en" | Locale) =>
      (sub
        ? (messages[name] as Record<string, Record<string, unknown>>)[top]?.[sub]
        : (messages[name] as Record<string, unknown>)[top]) as MessageTree | undefined;
    const english = source("en");
    if (!english || namespaceOf(namespace) !== namespace) continue;
    const merged = mergedNamespace(locale, namespace, () => mergeMissing(source(locale), english));
    if (sub) {
      const parent = (tree[top] ?? {}) as MessageTree;
      parent[sub] = merged;
      tree[top] = parent;
    } else tree[top] = merged;
  }
  return tree;
}

// Every page's root loader asks for its namespaces: a namespace's merged tree is built once per
// locale (the catalogue is fixed; keys are namespaces of the catalogue and locales, a bounded
// set). The trees are shared between requests: read, never changed.
const merged = new Map<string, MessageTree>();

function mergedNamespace(locale: Locale, namespace: string, build: () => MessageTree | string) {
  const key = `${locale}|${namespace}`;
  let tree = merged.get(key);
  if (!tree) {
    tree = build() as MessageTree;
    merged.set(key, tree);
  }
  return tree;
}

function mergeMissing(
  tree: MessageTree | string | undefined,
  english: MessageTree | string,
): MessageTree | string {
  if (typeof english === "string") return typeof tree === "string" ? tree : english;
  const out: MessageTree = {};
  for (const [name, value] of Object.entries(english)) {
    out[name] = mergeMissing(typeof tree === "object" ? tree[name] : undefined, value);
  }
  return out;
}
