import type { web as en } from "../../en/web.ts";

export const profile: (typeof en)["profile"] = {
  title: "Profil",
  pageHeading: "Votre profil",
  heading: "Profil public",
  intro: "Les mentorés le voient sur votre page et dans l’annuaire.",
  viewPublic: "Voir ma page publique",
  applyHint: "Complétez votre profil, puis postulez comme mentor\u00a0:",
  name: "Nom",
  headline: "Accroche",
  headlineHint:
    "Une ligne sous votre nom, par exemple «\u00a0Staff engineer, 12 ans dans la fintech\u00a0».",
  bio: "Présentation",
  skills: "Compétences",
  skillsHint:
    "Séparées par des virgules, par exemple\u00a0: TypeScript, revue de code, reconversion.",
  languages: "Langues parlées",
  languagesHint: "Codes à deux lettres séparés par des virgules, par exemple\u00a0: fr, en, es.",
  languagesNow: "Actuellement\u00a0: {languages}.",
  timezone: "Fuseau horaire",
  timezoneHint: "Vos horaires de la semaine sont lus dans ce fuseau.",
  save: "Enregistrer le profil",
  saved: "Profil enregistré.",
  avatarHeading: "Photo",
  avatarLabel: "Nouvelle photo",
  avatarHint: "Une image JPEG, PNG ou WebP de 5\u00a0Mo au plus. Elle est recadrée en carré.",
  upload: "Envoyer la photo",
  removeAvatar: "Supprimer ma photo",
  avatarSaved: "Photo mise à jour.",
  avatarRemoved: "Photo supprimée\u00a0: vos initiales s’affichent à la place.",
  avatarMissing: "Choisissez d’abord un fichier image.",
  invalid: {
    name: "Saisissez votre nom (100 caractères au plus).",
    headline: "120 caractères au plus.",
    bio: "4000 caractères au plus.",
    skills:
      "Jusqu’à 15 compétences, de 50 caractères au plus, avec au moins une lettre ou un chiffre.",
    languages: "Utilisez des codes de langue à deux lettres, comme fr ou en (10 au plus).",
    timezone: "Choisissez un fuseau horaire dans la liste.",
    locale: "Choisissez une langue dans la liste.",
  },
};
