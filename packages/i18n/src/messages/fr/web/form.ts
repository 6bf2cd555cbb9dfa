import type { web as en } from "../../en/web.ts";

export const form: (typeof en)["form"] = {
  required: "Ce champ est obligatoire.",
  invalidEmail: "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
  passwordTooShort: "Utilisez au moins 8 caractères.",
  passwordTooLong: "Utilisez au plus 128 caractères.",
  nameTooLong: "Utilisez au plus 100 caractères.",
  errorSummary: "Veuillez corriger les problèmes ci-dessous.",
  submitting: "Veuillez patienter…",
};
