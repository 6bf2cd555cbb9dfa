import type { web as en } from "../../en/web.ts";

export const mentorBlocks: (typeof en)["mentorBlocks"] = {
  title: "Personnes bloquées",
  heading: "Personnes bloquées",
  intro:
    "Les personnes bloquées ne peuvent pas réserver avec vous. Elles n’en sont pas informées : vos créneaux leur apparaissent indisponibles.",
  empty: "Vous n’avez bloqué personne.",
  blockedOn: "Bloquée le {date}",
  unblock: "Débloquer",
  unblocked: "Débloquée : cette personne peut de nouveau réserver avec vous.",
};
