export const mentorCalendars = {
  title: "Agendas",
  nav: "Agendas",
  heading: "Google Agenda",
  intro:
    "Connectez votre Google Agenda\u00a0: les moments où vous y êtes occupé ne sont pas proposés aux mentorés, et chaque séance confirmée est ajoutée à l’agenda de votre choix, avec son lien vidéo.",
  notConfigured: "Google Agenda n’est pas disponible sur ce serveur Mentora.",
  connect: "Connecter Google Agenda",
  connected: "Connecté.",
  broken:
    "Google n’accepte plus l’accès de Mentora à votre agenda ({reason}). Connectez-le de nouveau, ou déconnectez-le.",
  reconnect: "Connecter de nouveau",
  connectFailed: "Google Agenda n’a pas été connecté. Vous pouvez réessayer.",
  lastFetched: "Dernière lecture des disponibilités chez Google\u00a0: {date}.",
  neverFetched: "Vos disponibilités n’ont pas encore été lues chez Google.",
  unavailable:
    "Google n’a pas répondu\u00a0: la liste de vos agendas ne peut pas être affichée pour le moment.",
  busyLegend: "Agendas dont les moments occupés bloquent vos disponibilités",
  targetLabel: "Agenda qui reçoit vos séances",
  noTarget: "Ne pas ajouter les séances à un agenda",
  primary: "{name} (principal)",
  readOnly: "{name} (lecture seule)",
  save: "Enregistrer les agendas",
  saved: "Enregistré\u00a0: vos disponibilités sont relues chez Google.",
  disconnect: "Déconnecter Google Agenda",
  disconnected: "Google Agenda est déconnecté\u00a0: Mentora n’y a plus accès.",
  feedHint:
    "Pour voir vos séances dans n’importe quelle application d’agenda, utilisez l’adresse d’abonnement de votre page compte.",
  feedLink: "Abonnement d’agenda",
};
