import type { web as en } from "../../en/web.ts";

export const adminVideo: (typeof en)["adminVideo"] = {
  title: "Utilisation vidéo",
  nav: "Vidéo",
  heading: "Utilisation vidéo",
  intro:
    "Twilio facture les salles à la minute-participant : chaque connexion compte, arrondie à la minute supérieure, telle que ses rappels de statut l’ont signalée.",
  perMonth: "Par mois (UTC)",
  perSession: "Par séance, la plus récente d’abord",
  none: "Aucun appel enregistré pour l’instant.",
  month: "Mois",
  minutes: "Minutes-participant",
  sessions: "Séances",
  session: "Séance",
  mentor: "Mentor",
  starts: "Début",
  room: "Salle",
  attendance: "Présence",
  verdict: {
    ATTENDED: "Présents",
    MENTOR_NO_SHOW: "Mentor absent (remboursé)",
    MENTEE_NO_SHOW: "Participant absent",
    NO_ATTENDANCE: "Personne n’est venu",
  },
};
