import type { web as en } from "../../en/web.ts";

export const receipts: (typeof en)["receipts"] = {
  title: "Reçus",
  heading: "Mes reçus",
  empty: "Aucun paiement pour l’instant.",
  date: "Date",
  what: "Objet",
  amount: "Montant",
  split: "Payé avec",
  refunds: "Remboursements",
  invoice: "Facture",
  topUp: "Rechargement du porte-monnaie",
  walletPart: "Porte-monnaie\u00a0: {amount}",
  cardPart: "Carte\u00a0: {amount}",
  refundStatus: {
    PENDING: "en cours",
    SUCCEEDED: "remboursé",
    FAILED: "échoué",
  },
  refundTo: {
    ORIGINAL: "sur le moyen de paiement d’origine",
    WALLET: "sur le porte-monnaie",
  },
  pagination: "Pages des reçus",
};
