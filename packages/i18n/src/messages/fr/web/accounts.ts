import type { web as en } from "../../en/web.ts";

export const accounts: (typeof en)["accounts"] = {
  twoFactor: {
    title: "Double authentification",
    heading: "Double authentification",
    statusOn:
      "La double authentification est activée : la connexion demande un code de votre application.",
    statusOff: "La double authentification est désactivée.",
    manage: "Activer la double authentification",
    requiredForAdmins:
      "Les administrateurs doivent activer la double authentification avant d’agir sur les paiements et les versements.",
    intro:
      "Utilisez une application d’authentification (Aegis, Google Authenticator, 1Password…). Confirmez votre mot de passe pour commencer.",
    password: "Votre mot de passe",
    start: "Commencer",
    scan: "Scannez ce code avec votre application, ou saisissez la clé à la main :",
    qrAlt: "QR code pour votre application d’authentification",
    uriLabel: "Clé de configuration (adresse otpauth)",
    backupHeading: "Codes de secours",
    backupIntro:
      "Gardez ces codes en lieu sûr : chacun permet une connexion si vous perdez votre téléphone. Ils ne sont affichés qu’une fois.",
    code: "Code à 6 chiffres de l’application",
    verify: "Activer",
    enabled: "La double authentification est activée.",
    alreadyOn: "La double authentification est déjà activée sur votre compte.",
    invalidCode:
      "Ce code n’est pas valide. Vérifiez l’heure de votre téléphone et essayez le nouveau code.",
  },
  signInCode: {
    title: "Saisissez votre code",
    heading: "Connexion en deux étapes",
    intro: "Saisissez le code à 6 chiffres de votre application d’authentification.",
    code: "Code",
    submit: "Continuer",
    useBackup: "Utiliser un code de secours",
    backupCode: "Code de secours",
    useApp: "Utiliser le code de mon application",
    expired: "Votre connexion a pris trop de temps. Reconnectez-vous.",
  },
  reauth: {
    title: "Confirmez que c’est vous",
    heading: "Confirmez que c’est vous",
    intro:
      "Cette action engage de l’argent : nous vous demandons de vous reconnecter si votre dernière connexion date de plus de quelques minutes.",
    password: "Mot de passe",
    submit: "Confirmer",
    google: "Confirmer avec Google",
  },
  passkeys: {
    heading: "Clés d’accès",
    manage: "Clés d’accès : ajouter ou supprimer",
    intro:
      "Une clé d’accès (passkey) vous connecte avec le verrouillage de votre appareil (empreinte, visage ou code) au lieu d’un mot de passe. Pour les admins, elle compte aussi comme seconde étape.",
    empty: "Vous n’avez pas encore de clé d’accès.",
    name: "Nom de la nouvelle clé",
    add: "Ajouter une clé d’accès",
    added: "Clé d’accès ajoutée.",
    addedOn: "Ajoutée le {date}",
    unnamed: "Clé d’accès",
    delete: "Supprimer",
    deleted: "Clé d’accès supprimée.",
    signIn: "Se connecter avec une clé d’accès",
    confirm: "Confirmer avec une clé d’accès",
    failed: "La clé d’accès n’a pas pu être utilisée. Réessayez, ou utilisez votre mot de passe.",
    adminHint:
      "Vous avez une clé d’accès : reconnectez-vous avec elle pour ouvrir l’administration.",
    adminLink: "Me reconnecter avec ma clé d’accès",
  },
};
