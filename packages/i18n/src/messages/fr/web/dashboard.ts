import type { web as en } from "../../en/web.ts";

export const dashboard: (typeof en)["dashboard"] = {
  heading: "Bonjour, {name}",
  welcome:
    "Bienvenue à bord\u00a0: vous êtes maintenant mentor. Créez une offre et indiquez vos horaires de la semaine pour recevoir des réservations.",
  setup: "Pour bien démarrer",
  stepProfile: "Compléter votre profil",
  stepOffering: "Créer une offre",
  stepHours: "Indiquer vos horaires de la semaine",
  done: "fait",
  todo: "à faire",
  accepting: "Réservations ouvertes",
  changeSettings: "Réglages des réservations",
  nextSevenDays: "Les 7 prochains jours",
  noSessions: "Aucune séance dans les 7 prochains jours.",
  openCalendar: "Ouvrir l’agenda",
};
