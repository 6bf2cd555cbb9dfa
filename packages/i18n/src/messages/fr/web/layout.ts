import type { web as en } from "../../en/web.ts";

export const layout: (typeof en)["layout"] = {
  skipToContent: "Aller au contenu principal",
  mainNav: "Navigation principale",
  home: "Accueil {appName}",
  signIn: "Se connecter",
  signUp: "S’inscrire",
  account: "Mon compte",
  admin: "Administration",
  signOut: "Se déconnecter",
  devOutbox: "Boîte d’envoi (dev)",
  footer: "© {year} {appName}. Le mentorat en toute simplicité.",
  language: "Langue",
  changeLanguage: "Changer",
  mentors: "Mentors",
  bookings: "Mes réservations",
  wallet: "Porte-monnaie",
  receipts: "Reçus",
  mentorArea: "Espace mentor",
  activity: "Activité",
};
