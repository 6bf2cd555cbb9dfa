export {
  createTreeTranslator,
  lookup,
  type MessageTree,
  namespaceOf,
} from "./catalog.ts";
export { defaultLocale, isLocale, type Locale, locales, negotiateLocale } from "./locales.ts";
export { type Messages, messages } from "./messages/index.ts";
export {
  createTranslator,
  hasMessage,
  interpolate,
  type MessageKey,
  type MessageVars,
  namespaces,
  pickMessages,
  type Translate,
  translate,
} from "./translate.ts";
