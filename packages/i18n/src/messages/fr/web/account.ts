import type { web as en } from "../../en/web.ts";

export const account: (typeof en)["account"] = {
  title: "Mon compte",
  heading: "Votre compte",
  profile: "Profil",
  name: "Nom",
  email: "E-mail",
  role: "Rôle",
  preferences: {
    heading: "Préférences",
    intro: "Choisissez la langue et le fuseau horaire que Mentora utilise pour vous.",
    language: "Langue",
    timezone: "Fuseau horaire",
    followBrowser: "Comme mon navigateur",
    save: "Enregistrer les préférences",
    saving: "Enregistrement…",
    saved: "Préférences enregistrées.",
  },
  sessions: {
    heading: "Appareils connectés",
    intro:
      "Ces appareils sont connectés à votre compte. Déconnectez ceux que vous ne reconnaissez pas.",
    current: "Cet appareil",
    unknownDevice: "Appareil inconnu",
    signedInAt: "Connecté le {date}",
    fromIp: "depuis {ip}",
    revoke: "Déconnecter cet appareil",
    revoking: "Déconnexion…",
    revoked: "L’appareil a été déconnecté.",
    empty: "Aucun autre appareil n’est connecté.",
    refresh: "Actualiser la liste",
  },
  data: {
    heading: "Vos données",
    intro:
      "Téléchargez une copie de tout ce que Mentora garde sur vous\u00a0: profil, réservations, paiements et vos factures en PDF, dans un seul fichier ZIP. Nous vous écrivons quand elle est prête.",
    request: "Demander une copie de mes données",
    requesting: "Demande en cours…",
    requested: "Nous préparons votre copie. Nous vous écrirons quand elle sera prête.",
    askedAt: "Demandée le {date}",
    download: "Télécharger (jusqu’au {date})",
    status: {
      PENDING: "En préparation…",
      READY: "Prête",
      FAILED: "Échec de la préparation\u00a0: redemandez-la",
      EXPIRED: "Expirée",
    },
  },
  delete: {
    heading: "Supprimer mon compte",
    intro:
      "Supprimer votre compte efface votre profil et vos données personnelles et annule vos séances à venir avec remboursement. Les factures et les paiements sont conservés 10\u00a0ans, comme la loi l’exige, sous un identifiant anonyme. C’est définitif.",
    blocked: "Avant de pouvoir supprimer votre compte\u00a0:",
    wallet:
      "Votre portefeuille contient {amount}\u00a0: utilisez-le pour une séance, ou demandez à l’équipe Mentora de vous le rembourser.",
    earnings:
      "Vous avez {amount} de gains pas encore versés\u00a0: demandez un versement dès qu’ils sont disponibles.",
    bookingTooSoon:
      "Votre séance du {date} est trop proche pour être annulée\u00a0: supprimez votre compte après, ou demandez à votre mentor de l’annuler.",
    confirmEmail: "Saisissez votre adresse e-mail ({email}) pour confirmer",
    password: "Votre mot de passe",
    recentSignIn:
      "Vous vous connectez avec Google\u00a0: si votre connexion date de plus de 15\u00a0minutes, reconnectez-vous d’abord.",
    submit: "Supprimer définitivement mon compte",
    deleting: "Suppression…",
  },
  becomeMentor: {
    heading: "Devenir mentor",
    body: "Partagez ce que vous savez\u00a0: complétez votre profil et postulez. Une fois accepté, vous publiez vos offres et ouvrez votre agenda.",
    cta: "Postuler comme mentor",
  },
};
