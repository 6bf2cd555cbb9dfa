import type { web as en } from "../../en/web.ts";

export const confirm: (typeof en)["confirm"] = {
  heading: "Confirmez votre réservation",
  session: "Séance",
  mentor: "Mentor",
  when: "Quand",
  price: "Prix",
  seats: "Places",
  note: "Message pour le mentor (facultatif)",
  noteHint: "Sur quoi aimeriez-vous travailler\u00a0? Le mentor le lit avant la séance.",
  skills: "Sujets (facultatif)",
  paidNotice:
    "Cette séance est payante\u00a0: confirmer bloque votre place quelques minutes, le temps de payer, d’abord avec le solde de votre portefeuille, puis par carte. La page de la réservation indique jusqu’à quand la place est bloquée.",
  submitFree: "Confirmer la réservation",
  submitPaid: "Bloquer ce créneau",
  change: "Choisir un autre créneau",
  pickAnother: "Choisir un autre créneau",
  noLongerAvailable: "Ce créneau n’est plus disponible.",
};
