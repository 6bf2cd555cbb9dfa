import type { Locale } from "./locales.ts";
import { type Messages, messages } from "./messages/index.ts";

/** "auth.signIn.title"-style keys of every leaf string, derived from the English messages. */
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

function lookup(tree: unknown, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** Replaces `{name}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function interpolate(template: string, vars: MessageVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

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
