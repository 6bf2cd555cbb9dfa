import type { web as en } from "../../en/web.ts";

export const resetPassword: (typeof en)["resetPassword"] = {
  title: "Choisir votre mot de passe",
  heading: "Choisir votre mot de passe",
  password: "Nouveau mot de passe",
  submit: "Enregistrer le mot de passe",
  invalidLink:
    "Ce lien a expiré ou a déjà servi. Demandez-en un nouveau (administrateurs\u00a0: pnpm mentora admin:create).",
  done: "Votre mot de passe est enregistré. Vous pouvez vous connecter.",
  signInLink: "Aller à la connexion",
  newLinkLink: "Demander un nouveau lien",
};
