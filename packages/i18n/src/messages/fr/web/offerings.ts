import type { web as en } from "../../en/web.ts";

export const offerings: (typeof en)["offerings"] = {
  title: "Offres",
  heading: "Vos offres",
  intro:
    "Ce que vous proposez\u00a0: chaque offre a une ou plusieurs durées, chacune avec son prix. Un prix de 0 la rend gratuite.",
  empty: "Vous n’avez pas encore d’offre\u00a0: créez la première ci-dessous.",
  oneToOne: "Individuelle",
  group: "Séance de groupe",
  groupOf: "Séance de groupe, jusqu’à {capacity} participants",
  archived: "Archivée",
  optionsOf: "Durées et prix de {title}",
  duration: "Durée",
  durationMinutes: "Durée (minutes)",
  priceIn: "Prix ({currency})",
  priceFor: "Prix pour {duration}",
  actions: "Actions",
  removeDuration: "Retirer {duration}",
  savePrices: "Enregistrer les prix",
  addDuration: "Ajouter une durée",
  add: "Ajouter",
  archive: "Archiver cette offre",
  restore: "Remettre en vente",
  newHeading: "Nouvelle offre",
  titleLabel: "Titre",
  description: "Description",
  kind: "Format",
  capacity: "Taille du groupe",
  capacityHint:
    "Séances de groupe uniquement\u00a0: de 2 à 49 participants (la salle vidéo en accueille 50 avec vous).",
  durationsLegend: "Durées et prix",
  durationsHint:
    "Jusqu’à trois durées maintenant (vous pourrez en ajouter ensuite). Les durées sont en minutes, par multiples de 5. Laissez le prix vide ou à 0 pour une séance gratuite.",
  durationN: "Durée {n} (minutes)",
  priceN: "Prix {n}",
  create: "Créer l’offre",
  badPrice:
    "Saisissez les prix en chiffres, avec au plus les décimales de la devise, par exemple 35 ou 35,50.",
  done: {
    create: "Offre créée.",
    prices: "Prix enregistrés. Les réservations déjà faites gardent leur prix.",
    addOption: "Durée ajoutée.",
    archiveOption: "Durée retirée de la vente.",
    archive: "Offre archivée\u00a0: elle ne prend plus de nouvelles réservations.",
    restore: "Offre remise en vente.",
  },
};
