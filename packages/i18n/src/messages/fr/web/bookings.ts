import type { web as en } from "../../en/web.ts";

export const bookings: (typeof en)["bookings"] = {
  title: "Mes réservations",
  heading: "Mes réservations",
  tabs: "Réservations",
  upcoming: "À venir",
  past: "Passées",
  emptyUpcoming: "Vous n’avez aucune séance à venir.",
  emptyPast: "Aucune séance passée pour l’instant.",
  findMentor: "Trouver un mentor",
  with: "avec {name}",
  heldUntil: "bloquée jusqu’à {time}",
  cancel: "Annuler cette réservation",
  cancelReason: "Motif (facultatif, transmis au mentor)",
  confirmCancel: "Annuler la réservation",
  cancelled: "La réservation a été annulée.",
  backToList: "Mes réservations",
  previousMentors: "Les mentors que vous avez rencontrés",
  noPreviousMentors: "Vos mentors apparaîtront ici après votre première séance.",
  lastSession: "Dernière séance\u00a0: {date}",
  status: {
    PENDING_PAYMENT: "En attente de paiement",
    CONFIRMED: "Confirmée",
    COMPLETED: "Terminée",
    CANCELLED: "Annulée",
    EXPIRED: "Expirée",
  },
};
