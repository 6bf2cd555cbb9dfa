import type { web as en } from "../../en/web.ts";

export const adminAccounting: (typeof en)["adminAccounting"] = {
  title: "Exports comptables",
  heading: "Exports comptables",
  intro:
    "Les fichiers pour l’expert-comptable. Chaque téléchargement est inscrit au journal d’audit et demande une connexion récente.",
  archiveHeading: "Factures et avoirs",
  archiveIntro:
    "Un ZIP des factures et avoirs de la période : chaque PDF, son XML Factur-X et summary.csv (une ligne par document). Dates d’émission (UTC), bornes incluses, un an au plus.",
  from: "Du",
  to: "Au",
  downloadArchive: "Télécharger le ZIP",
  fecHeading: "FEC (fichier des écritures comptables)",
  fecIntro:
    "Les écritures d’un exercice (année civile, UTC) au format de l’administration fiscale : 18 colonnes séparées par des tabulations, une ligne par écriture.",
  year: "Exercice",
  currency: "Devise",
  fecCurrencyHint:
    "EUR est le FEC légal. Une autre devise donne le même fichier pour les écritures de cette devise, montants non convertis.",
  downloadFec: "Télécharger le FEC",
};
