import type { web as en } from "../../en/web.ts";

export const adminActivity: (typeof en)["adminActivity"] = {
  title: "Activité de la plateforme",
  heading: "Activité de la plateforme",
  decisionsHeading: "En attente d’une décision",
  noDecisions: "Rien n’attend de décision.",
  payoutsAwaitingApproval: "Versements en attente d’approbation",
  failedWebhooks: "Webhooks en échec",
  openDisputes: "Litiges ouverts",
  attendanceReviews: "Séances en attente d’un examen de présence",
  oldest: "le plus ancien depuis le {date}",
  open: "Ouvrir",
  feedHeading: "Tout le reste, du plus récent au plus ancien",
  intro: "Heures affichées en {timeZone}.",
};
