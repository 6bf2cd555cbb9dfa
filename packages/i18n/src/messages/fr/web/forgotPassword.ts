import type { web as en } from "../../en/web.ts";

export const forgotPassword: (typeof en)["forgotPassword"] = {
  title: "Mot de passe oublié",
  heading: "Mot de passe oublié\u00a0?",
  intro:
    "Saisissez l’adresse e-mail de votre compte\u00a0: nous lui enverrons un lien pour choisir un nouveau mot de passe.",
  email: "Adresse e-mail",
  submit: "Envoyer le lien",
  sentHeading: "Consultez vos e-mails",
  sent: "Si un compte utilise {email}, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. Le lien sert une seule fois, pendant une heure.",
  signInLink: "Retour à la connexion",
};
