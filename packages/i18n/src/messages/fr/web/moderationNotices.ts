export const moderationNotices = {
  category: {
    sexual: "contenu sexuel",
    hate: "contenu haineux",
    harassment: "harcèlement",
    violence: "violence",
    "self-harm": "automutilation",
    profanity: "langage injurieux",
    solicitation: "racolage (plateformes pour adultes, contenu privé payant)",
    "contact-details":
      "coordonnées (téléphone, e-mail, pseudonymes de messagerie) dans un texte public",
    spam: "spam",
  },
  heading: "Non publié",
  intro:
    "La modération masque une partie de votre contenu. Modifiez-le et enregistrez\u00a0: il est vérifié de nouveau.",
  pending: "En attente d’un modérateur.",
  note: "La note du modérateur\u00a0: {note}",
  subject: {
    PROFILE_TEXT: "Le texte de votre profil (titre, présentation, compétences ou offres)",
    AVATAR: "Votre portrait",
    MENTOR_APPLICATION: "Votre candidature de mentor",
    MESSAGE: "Un message",
  },
};
