import type { web as en } from "../../en/web.ts";

export const languages: (typeof en)["languages"] = {
  en: "English",
  fr: "Français",
};
