import type { web as en } from "../../en/web.ts";

export const apply: (typeof en)["apply"] = {
  title: "Devenir mentor",
  heading: "Devenir mentor",
  intro:
    "Les mentors ont une page publique, publient des offres et ouvrent leur agenda. Votre profil est la première chose que voient les mentorés.",
  statusHeading: "Votre candidature",
  pending: "Votre candidature a été envoyée le {date}. Un administrateur l’examinera bientôt.",
  rejected:
    "Votre précédente candidature n’a pas été retenue. Vous pouvez mettre à jour votre profil et postuler à nouveau.",
  note: "Note de l’équipe\u00a0:",
  submitted: "Candidature envoyée. Un administrateur l’examinera bientôt.",
  missingIntro: "Avant de postuler, votre profil doit indiquer\u00a0:",
  missing: {
    headline: "une accroche",
    bio: "une présentation",
    skills: "au moins une compétence",
    languages: "les langues que vous parlez",
    timezone: "votre fuseau horaire",
  },
  ready: "Votre profil est complet\u00a0: vous pouvez postuler.",
  submit: "Postuler comme mentor",
  seeMentors: "Voir comment les autres mentors se présentent",
};
