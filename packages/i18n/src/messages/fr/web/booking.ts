import type { web as en } from "../../en/web.ts";

export const booking: (typeof en)["booking"] = {
  confirmedNotice:
    "Votre réservation est confirmée. Nous vous avons envoyé un e-mail récapitulatif.",
  heldNotice: "Ce créneau vous est réservé jusqu’à {time}, en attente de paiement.",
  awaitingMenteePayment:
    "Le mentoré n’a pas encore payé\u00a0: la place reste réservée jusqu’à l’heure indiquée.",
  duration: "Durée",
  format: "Format",
  cancelledBy: "Annulée par",
  by: {
    MENTEE: "le mentoré",
    MENTOR: "le mentor",
    ADMIN: "un administrateur",
    SYSTEM: "Mentora (blocage expiré)",
  },
  note: "Message",
  topic: "Sujet",
  topics: "Sujets",
  addToCalendar: "Ajouter à mon agenda (.ics)",
};
