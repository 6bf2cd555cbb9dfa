import type { web as en } from "../../en/web.ts";

export const apiKeys: (typeof en)["apiKeys"] = {
  heading: "Clés d’API",
  intro:
    "Les clés permettent à vos propres programmes de lire Mentora pour vous via l’API REST : les mentors et leurs créneaux libres, vos réservations, vos paiements. Une clé ne peut que lire, jamais réserver ni payer.",
  docsLink: "Documentation de l’API",
  name: "Nom",
  namePlaceholder: "par ex. Synchro de mon agenda",
  scopes: "Ce qu’elle peut lire",
  scope: {
    "mentors:read": "Les mentors, leurs offres et créneaux libres",
    "bookings:read": "Mes réservations",
    "payments:read": "Mes paiements",
  },
  expiry: "Expiration",
  expiryNever: "Jamais (jusqu’à révocation)",
  expiryDays: "Dans {days} jours",
  create: "Créer la clé",
  creating: "Création…",
  created: "Votre nouvelle clé « {name} ». Copiez-la maintenant : elle ne sera plus affichée.",
  copyHint: "Envoyez-la dans l’en-tête Authorization: Bearer <clé>.",
  empty: "Vous n’avez aucune clé d’API.",
  start: "Commence par",
  createdAt: "Créée le {date}",
  lastUsed: "Dernière utilisation le {date}",
  neverUsed: "Jamais utilisée",
  expiresAt: "Expire le {date}",
  noExpiry: "Sans expiration",
  revoke: "Révoquer",
  revokeLabel: "Révoquer la clé {name}",
  revoked: "La clé a été révoquée : elle ne fonctionne plus.",
};
