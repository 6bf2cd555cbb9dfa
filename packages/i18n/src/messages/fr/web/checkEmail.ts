import type { web as en } from "../../en/web.ts";

export const checkEmail: (typeof en)["checkEmail"] = {
  title: "Consultez vos e-mails",
  heading: "Consultez vos e-mails",
  body: "Nous avons envoyé un lien de confirmation à {email}. Ouvrez-le pour activer votre compte, puis connectez-vous. Si cette adresse a déjà un compte, connectez-vous simplement.",
  devHint:
    "Vous travaillez en local\u00a0? Les e-mails ne sont pas vraiment envoyés\u00a0: ils arrivent dans la boîte d’envoi de développement.",
  devOutboxLink: "Ouvrir la boîte d’envoi de développement",
  signInLink: "Aller à la connexion",
};
