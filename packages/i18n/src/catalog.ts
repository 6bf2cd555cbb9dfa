/**
 * Translation over a message tree handed in (no catalogue imported): what the browser uses with
 * the slice of messages the server sent for the current locale and route (decision 024).
 */
import type { MessageKey, MessageVars, Translate } from "./translate.ts";

/** A subtree of the messages: namespaces → … → strings. */
export interface MessageTree {
  [name: string]: string | MessageTree;
}

export function lookup(tree: unknown, key: string): string | undefined {
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

/** A translator over `tree`; a key it lacks shows as the key itself (visible, never blank). */
export function createTreeTranslator(tree: MessageTree): Translate {
  return (key: MessageKey, vars?: MessageVars) => interpolate(lookup(tree, key) ?? key, vars);
}

/** The namespace a key belongs to: "web.adminPayments" for web keys, else the first segment. */
export function namespaceOf(key: string): string {
  const [first = "", second = ""] = key.split(".");
  return first === "web" ? `web.${second}` : first;
}
