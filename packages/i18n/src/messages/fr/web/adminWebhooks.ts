import type { web as en } from "../../en/web.ts";

export const adminWebhooks: (typeof en)["adminWebhooks"] = {
  title: "Webhooks",
  heading: "Événements webhook",
  status: "Statut",
  provider: "Prestataire",
  failuresOnly: "Échecs seulement",
  statuses: {
    RECEIVED: "Reçu",
    PROCESSED: "Traité",
    FAILED: "Échoué (nouvel essai prévu)",
    DEAD: "Abandonné",
  },
  empty: "Aucun événement ne correspond.",
  receivedAt: "Reçu le",
  type: "Événement",
  attempts: "Essais",
  lastError: "Dernière erreur",
  replay: "Rejouer",
  replayLabel: "Rejouer {type}",
  replayed: "L’événement sera traité à nouveau.",
};
