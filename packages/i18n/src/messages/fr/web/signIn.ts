import type { web as en } from "../../en/web.ts";

export const signIn: (typeof en)["signIn"] = {
  title: "Connexion",
  heading: "Connectez-vous à {appName}",
  email: "Adresse e-mail",
  password: "Mot de passe",
  submit: "Se connecter",
  verified: "Adresse e-mail confirmée, vous pouvez vous connecter.",
  redirectNotice: "Veuillez vous connecter pour continuer.",
  noAccount: "Nouveau sur {appName}\u00a0?",
  signUpLink: "Créer un compte",
  or: "ou",
  google: "Continuer avec Google",
  forgotPasswordLink: "Mot de passe oublié\u00a0?",
};
