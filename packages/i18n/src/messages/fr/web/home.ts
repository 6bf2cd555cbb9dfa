import type { web as en } from "../../en/web.ts";

export const home: (typeof en)["home"] = {
  title: "Accueil",
  heading: "Progressez plus vite avec un mentor",
  intro:
    "Trouvez un mentor ou un coach, réservez une séance payante en une minute et retrouvez-vous en visio. Les mentors sont payés, chaque paiement donne lieu à une facture.",
  getStarted: "Créer mon compte",
  signIn: "J’ai déjà un compte",
  goToAccount: "Accéder à mon compte",
  welcomeBack: "Bon retour parmi nous, {name}.",
  findMentor: "Trouver un mentor",
  accountDeleted: "Votre compte a été supprimé. Un dernier e-mail vous le confirme.",
};
