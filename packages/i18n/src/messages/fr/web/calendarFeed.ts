export const calendarFeed = {
  heading: "Abonnement d’agenda",
  intro:
    "Abonnez-vous à vos séances depuis Google Agenda, Apple Calendrier ou Outlook\u00a0: réservations, changements et annulations y apparaissent d’eux-mêmes. L’adresse est privée\u00a0: quiconque la connaît voit vos séances.",
  activeSince:
    "Votre adresse d’abonnement est active depuis le {date}. Par sécurité, elle n’est affichée qu’une fois\u00a0: créez-en une nouvelle si vous en avez de nouveau besoin (l’actuelle cessera de fonctionner).",
  none: "Vous n’avez pas encore d’adresse d’abonnement.",
  create: "Créer mon adresse d’abonnement",
  regenerate: "Créer une nouvelle adresse",
  revoke: "Désactiver l’abonnement",
  revoked: "L’abonnement est désactivé\u00a0: son adresse ne fonctionne plus.",
  newUrl: "Votre nouvelle adresse d’abonnement",
  newUrlHint:
    "Copiez-la maintenant\u00a0: elle n’est affichée qu’une fois. L’adresse précédente ne fonctionne plus.",
  copy: "Copier",
  copied: "Copiée.",
  addGoogle: "Ajouter à Google Agenda",
  addApple: "Ajouter à Apple Calendrier",
};
