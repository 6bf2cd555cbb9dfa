import type { web as en } from "../../en/web.ts";

export const slots: (typeof en)["slots"] = {
  heading: "Créneaux libres pour {label}",
  previousWeek: "Semaine précédente",
  nextWeek: "Semaine suivante",
  none: "Aucun créneau",
  emptyWeek: "Aucun créneau libre cette semaine. Essayez la semaine suivante.",
  paused: "Ce mentor ne prend pas de réservations pour le moment.",
  seatsLeft: "Places restantes\u00a0: {seats}",
  timezone: "Les heures sont affichées dans votre fuseau horaire ({timezone}).",
};
