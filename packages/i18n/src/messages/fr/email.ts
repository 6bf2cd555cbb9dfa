import type { email as en } from "../en/email.ts";

// French typography: a non-breaking space (\u00a0) goes before ":" and "!".
export const email: typeof en = {
  layout: {
    footer: "Ce message automatique vous est envoyé par {appName}. Les réponses ne sont pas lues.",
  },
  greeting: "Bonjour {name},",
  greetingNoName: "Bonjour,",
  linkHint: "Si le bouton ne fonctionne pas, copiez et collez ce lien dans votre navigateur\u00a0:",
  verifyEmail: {
    subject: "Confirmez votre adresse e-mail pour {appName}",
    intro:
      "Bienvenue sur {appName}\u00a0! Veuillez confirmer votre adresse e-mail pour terminer la création de votre compte.",
    action: "Confirmer mon adresse e-mail",
    ignore: "Si vous n’avez pas créé de compte sur {appName}, vous pouvez ignorer cet e-mail.",
  },
  resetPassword: {
    subject: "Réinitialisez votre mot de passe {appName}",
    intro:
      "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte {appName}.",
    action: "Choisir un nouveau mot de passe",
    ignore:
      "Si vous n’avez pas demandé à réinitialiser votre mot de passe, vous pouvez ignorer cet e-mail\u00a0: votre mot de passe ne changera pas.",
  },
};
