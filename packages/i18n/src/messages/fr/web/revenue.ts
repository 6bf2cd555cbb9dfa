import type { web as en } from "../../en/web.ts";

export const revenue: (typeof en)["revenue"] = {
  upcomingPayouts: "Versements en cours",
  noUpcomingPayouts: "Aucun versement en attente.",
  toPayouts: "Demander un versement",
  title: "Revenus",
  heading: "Vos revenus",
  intro:
    "Vos gains après la commission de la plateforme, remboursements déduits, par mois de paiement ({timezone}).",
  sessionsDone: "Séances terminées : {count}",
  empty: "Aucun gain pour l’instant : ils apparaissent ici dès qu’un mentoré paie une séance.",
  thisMonth: "Ce mois-ci",
  thisYear: "Cette année",
  pending: "En attente (pas encore débloqués)",
  available: "Disponibles pour un versement",
  monthsCaption: "Gains par mois, 12 derniers mois, {currency}",
  month: "Mois",
  earnings: "Gains",
  viewRevenue: "Voir vos revenus",
};
