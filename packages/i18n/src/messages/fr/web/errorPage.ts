import type { web as en } from "../../en/web.ts";

export const errorPage: (typeof en)["errorPage"] = {
  title: "Erreur",
  heading: "Une erreur est survenue",
  notFoundHeading: "Page introuvable",
  notFound: "Cette page est introuvable. Vérifiez l’adresse ou revenez à l’accueil.",
  forbiddenHeading: "Accès refusé",
  unauthorizedHeading: "Veuillez vous connecter",
  generic: "Une erreur est survenue de notre côté. Veuillez réessayer dans un instant.",
  requestId: "Référence pour le support\u00a0: {requestId}",
  goHome: "Revenir à l’accueil",
  tryAgain: "Réessayer",
};
