export { defaultLocale, isLocale, type Locale, locales, negotiateLocale } from "./locales.ts";
export { type Messages, messages } from "./messages/index.ts";
export {
  createTranslator,
  hasMessage,
  interpolate,
  type MessageKey,
  type MessageVars,
  type Translate,
  translate,
} from "./translate.ts";
