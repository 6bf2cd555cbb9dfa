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
  messages: "Messages",
  bookings: "Mes réservations",
  wallet: "Porte-monnaie",
  receipts: "Reçus",
  mentorArea: "Espace mentor",
  activity: "Activité",
  // La cloche (notifications, issue #15).
  notifications: "Notifications",
  notificationsUnread: "Notifications, {count} non lue(s)",
  notificationsLatest: "Dernières notifications",
  notificationsNone: "Rien de nouveau.",
  notificationsAll: "Voir toutes les notifications",
  // The shell on the design system (decision 046).
  menu: "Menu",
  accountMenu: "Menu du compte",
  signedInAs: "Connecté·e en tant que",
  tagline:
    "Réservez un mentor, échangez en visio, payez en sécurité : factures et versements compris.",
  footerNav: "Pied de page",
  findMentor: "Trouver un mentor",
  becomeMentor: "Devenir mentor",
};
