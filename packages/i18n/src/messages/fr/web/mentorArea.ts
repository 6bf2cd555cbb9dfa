import type { web as en } from "../../en/web.ts";

export const mentorArea: (typeof en)["mentorArea"] = {
  title: "Espace mentor",
  nav: "Espace mentor",
  dashboard: "Tableau de bord",
  calendar: "Agenda",
  offerings: "Offres",
  availability: "Disponibilités",
  invitations: "Invitations",
  revenue: "Revenus",
  profile: "Profil",
  publicPage: "Ma page publique",
  apply: "Devenir mentor",
  blocked: "Personnes bloquées",
};
