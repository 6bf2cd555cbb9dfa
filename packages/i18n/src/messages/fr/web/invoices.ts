import type { web as en } from "../../en/web.ts";

export const invoices: (typeof en)["invoices"] = {
  download: "Facture {number}",
  creditNote: "Avoir {number}",
  preparing: "en préparation",
  pending: "Facture en cours d’émission",
  none: "Pas de facture de TVA pour un rechargement (facturé quand le solde paie une séance)",
  column: "Facture",
  billing: {
    heading: "Coordonnées de facturation",
    intro: "Imprimées sur vos prochaines factures. Les factures déjà émises ne changent jamais.",
    name: "Nom de facturation (facultatif, par ex. une société)",
    address: "Adresse de facturation (une ligne par rangée)",
    country: "Pays (code à 2 lettres, par ex. FR)",
    vatNumber: "Numéro de TVA (professionnels)",
    isBusiness: "J’achète en tant que professionnel",
    save: "Enregistrer les coordonnées",
    saved: "Coordonnées de facturation enregistrées.",
  },
};
