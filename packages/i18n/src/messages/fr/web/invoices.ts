import type { web as en } from "../../en/web.ts";

export const invoices: (typeof en)["invoices"] = {
  download: "Facture {number}",
  creditNote: "Avoir {number}",
  preparing: "en préparation",
  pending: "Facture en cours d’émission",
  none: "Pas de facture de TVA pour un rechargement (facturé quand le solde paie une séance)",
  column: "Facture",
  xml: "XML (Factur-X)",
  xmlLabel: "XML Factur-X de {number}",
  billing: {
    heading: "Coordonnées de facturation",
    intro: "Imprimées sur vos prochaines factures. Les factures déjà émises ne changent jamais.",
    name: "Nom de facturation (facultatif, par ex. une société)",
    address: "Adresse de facturation (une ligne par rangée)",
    country: "Pays (code à 2 lettres, par ex. FR)",
    vatNumber: "Numéro de TVA (professionnels)",
    isBusiness: "J’achète en tant que professionnel",
    siren: "SIREN (sociétés françaises, 9 chiffres)",
    siret: "SIRET (établissement français, 14 chiffres)",
    companyIdsHint:
      "Pour une société française : imprimés sur la facture et repris dans ses données de facture électronique.",
    save: "Enregistrer les coordonnées",
    saved: "Coordonnées de facturation enregistrées.",
  },
};
