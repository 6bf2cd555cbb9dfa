import type { web as en } from "../../en/web.ts";

export const signUp: (typeof en)["signUp"] = {
  title: "Inscription",
  heading: "Créez votre compte",
  intro: "C’est gratuit. Vous confirmerez votre adresse e-mail à l’étape suivante.",
  name: "Nom complet",
  email: "Adresse e-mail",
  password: "Mot de passe",
  passwordHint: "Au moins 8 caractères.",
  submit: "Créer mon compte",
  haveAccount: "Vous avez déjà un compte\u00a0?",
  signInLink: "Se connecter",
};
