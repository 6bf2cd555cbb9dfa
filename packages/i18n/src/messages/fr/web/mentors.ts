import type { web as en } from "../../en/web.ts";

export const mentors: (typeof en)["mentors"] = {
  title: "Mentors",
  heading: "Trouver un mentor",
  intro:
    "Parcourez les mentors validés, filtrez par compétence, langue, prix et disponibilité, puis choisissez un créneau.",
  filters: "Filtres de recherche",
  search: "Nom ou accroche",
  skill: "Compétence",
  skillPlaceholder: "ex. TypeScript",
  language: "Langue",
  anyLanguage: "Toutes les langues",
  priceRange: "Prix par séance",
  priceMin: "Minimum",
  priceMax: "Maximum",
  currency: "Devise",
  availability: "A un créneau libre",
  anyTime: "Peu importe",
  withinDays: "Dans les {days} prochains jours",
  apply: "Rechercher",
  clear: "Effacer les filtres",
  results: "Mentors trouvés",
  searching: "Recherche…",
  empty: "Aucun mentor pour l’instant. Revenez bientôt\u00a0!",
  noMatch:
    "Aucun mentor ne correspond à ces filtres. Essayez avec moins de filtres ou une fourchette de prix plus large.",
  keepLooking: "D’autres mentors peuvent correspondre sur la page suivante.",
  priceNeedsCurrency: "Choisissez une devise pour filtrer par prix.",
  badPrice: "Saisissez les prix en chiffres, par exemple 35 ou 35,50.",
  skills: "Compétences",
  speaks: "Parle\u00a0:",
  prices: "Tarifs\u00a0:",
  paused: "Ne prend pas de réservations",
  pausedNotice:
    "Ce mentor ne prend pas de réservations pour le moment. Son profil reste visible\u00a0; revenez plus tard.",
  noOfferings: "Aucune offre en vente pour l’instant.",
  backToDirectory: "Tous les mentors",
  about: "À propos de {name}",
  offerings: "Séances proposées",
  signInToBook:
    "Choisir un créneau vous demande d’abord de vous connecter\u00a0; vous revenez aussitôt pour confirmer.",
};
