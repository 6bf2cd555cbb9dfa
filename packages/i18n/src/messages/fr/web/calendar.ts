import type { web as en } from "../../en/web.ts";

export const calendar: (typeof en)["calendar"] = {
  title: "Agenda",
  heading: "Agenda",
  timezone: "Heures dans votre fuseau horaire ({timezone}).",
  weekNav: "Semaines",
  thisWeek: "Cette semaine",
  back: "Agenda",
  emptyWeek: "Aucune séance cette semaine.",
  seats: "{taken}/{capacity} places",
  participants: "participants\u00a0: {count}",
  upcoming: "Séances à venir",
  noUpcoming: "Aucune séance dans les 6 prochaines semaines.",
  noParticipants: "Pas encore de participant",
  reschedule: "Déplacer",
  newStart: "Nouveau début ({timezone})",
  move: "Déplacer la séance",
  rescheduled: "Séance déplacée\u00a0: les participants sont prévenus par e-mail.",
  badTime: "Saisissez une date et une heure valides.",
  cancel: "Annuler la séance",
  cancelReason: "Motif (transmis aux participants)",
  confirmCancel: "Annuler cette séance",
  cancelled: "Séance annulée\u00a0: les participants sont prévenus par e-mail.",
  block: "Bloquer {name}",
  blockHint:
    "{name} ne pourra plus réserver avec vous. Ses réservations existantes restent : annulez-les si nécessaire.",
  confirmBlock: "Bloquer",
  blocked:
    "Bloqué : cette personne ne peut plus réserver avec vous. Vous pouvez la débloquer sur la page Personnes bloquées.",
};
