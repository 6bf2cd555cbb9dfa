import type { web as en } from "../../en/web.ts";

export const payment: (typeof en)["payment"] = {
  title: "Paiement",
  bookingHeading: "Paiement de votre séance",
  topUpHeading: "Rechargement du porte-monnaie",
  status: {
    PENDING: "En attente de paiement",
    SUCCEEDED: "Payé",
    FAILED: "Échoué",
    EXPIRED: "Expiré",
    CANCELLED: "Annulé",
  },
  message: {
    PENDING:
      "Nous attendons la confirmation du prestataire de paiement. Cette page se met à jour toute seule.",
    bookingPaid: "Paiement reçu\u00a0: votre réservation est confirmée.",
    toppedUp: "Paiement reçu\u00a0: {amount} ont été ajoutés à votre porte-monnaie.",
    FAILED: "Le paiement n’a pas abouti. Rien n’a été débité.",
    EXPIRED: "Le paiement n’a pas été terminé à temps. Rien n’a été débité.",
    CANCELLED: "Le paiement a été annulé. Rien n’a été débité.",
  },
  payHeading: "Payer cette séance",
  total: "Total",
  fromWallet: "Depuis votre porte-monnaie",
  byCard: "Par carte",
  walletCoversAll: "Le solde de votre porte-monnaie couvre tout le prix.",
  redirectNotice: "Vous paierez le reste sur la page sécurisée de notre prestataire de paiement.",
  payButton: "Payer {amount}",
  replayedNotice: "Ce lien de retour a déjà servi. Voici où en est votre paiement.",
  session: "Séance",
  expiresAt: "Terminez le paiement avant",
  refunded: "Remboursé",
  continue: "Continuer vers le paiement",
  viewBooking: "Voir ma réservation",
  viewWallet: "Voir mon porte-monnaie",
  tryAgain: "Réessayer",
  allReceipts: "Mes reçus",
};
