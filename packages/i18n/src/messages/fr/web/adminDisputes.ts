import type { web as en } from "../../en/web.ts";

export const adminDisputes: (typeof en)["adminDisputes"] = {
  title: "Litiges",
  nav: "Litiges",
  heading: "Litiges et présence",
  intro:
    "Une contestation de paiement gèle la part du mentor jusqu'à sa clôture ; une séance sans aucun participant ne débloque rien avant votre décision.",
  disputes: "Litiges (ouverts d'abord)",
  noDisputes: "Aucun litige pour l'instant.",
  opened: "Ouvert le",
  provider: "Passerelle",
  payment: "Paiement",
  mentor: "Mentor",
  amount: "Contesté",
  frozen: "Part gelée",
  reason: "Motif",
  status: "Statut",
  statusName: { OPEN: "Ouvert", WON: "Gagné", LOST: "Perdu" },
  reviews: "Séances sans participant",
  reviewsIntro:
    "Personne n'a rejoint l'appel. Débloquer paie le mentor comme d'habitude ; rembourser rend leur argent aux participants.",
  noReviews: "Aucune séance n'attend de décision.",
  paid: "{bookings} réservation(s) payée(s), {amount}",
  release: "Débloquer pour le mentor",
  refund: "Rembourser les participants",
  receivables: "Dû par les mentors",
  receivablesIntro:
    "Remboursements et litiges perdus après le déblocage de la part du mentor : déduits de ses prochains gains.",
  noReceivables: "Aucun mentor ne doit rien.",
  owed: "Dû",
};
