export const matches = {
  title: "Des mentors pour vous",
  heading: "Des mentors pour vous",
  intro:
    "Dites-nous ce que vous cherchez\u00a0: nous classons les mentors selon ce qu’ils font, les langues qu’ils parlent, leurs prix et leurs disponibilités, et vous envoyons les trois meilleurs par e-mail. Les mentors ne voient pas votre demande.",
  legend: "Décrivez votre besoin",
  need: "Que cherchez-vous\u00a0?",
  needHint:
    "Par exemple\u00a0: «\u00a0une revue de code de mon projet TypeScript, en français, un mardi soir\u00a0».",
  languages: "Langues que vous parlez",
  budget: "Prix maximum par séance",
  currency: "Devise",
  from: "Disponible à partir de",
  to: "Disponible jusqu’à",
  submit: "Trouver des mentors",
  ask: "Décrivez votre besoin",
  askAgain: "Nouvelle demande",
  results: "Vos mentors",
  yourRequest: "Votre demande\u00a0:",
  none: "Aucun mentor ne correspond encore. Réessayez avec moins de contraintes.",
  nextSlots: "Prochains créneaux\u00a0: {slots}",
  noSlots: "Aucun créneau libre dans votre période",
  invalid: "Décrivez votre besoin en quelques mots (la fin de la période doit suivre son début).",
  directoryBox: "Vous hésitez\u00a0? Décrivez votre besoin et nous vous proposons des mentors.",
  signUpHint:
    "Facultatif\u00a0: décrivez votre besoin, nous vous proposerons des mentors une fois votre adresse confirmée.",
};
