import type { web as en } from "../../en/web.ts";

export const landing: (typeof en)["landing"] = {
  searchLabel: "Que voulez-vous apprendre\u00a0?",
  searchPlaceholder: "TypeScript, négociation, gestion de produit…",
  search: "Rechercher",
  featuredHeading: "Des mentors disponibles cette semaine",
  featuredIntro: "Bien notés, et libres bientôt.",
  seeAll: "Voir tous les mentors",
  skillsHeading: "Parcourir par compétence",
  skillMentors: "{name} ({count})",
  howHeading: "Comment ça marche",
  forMentees: "Pour les mentorés",
  forMentors: "Pour les mentors",
  menteeSteps: {
    find: "Trouvez un mentor par compétence, langue, prix et selon les horaires qui vous arrangent.",
    book: "Choisissez un créneau dans votre fuseau horaire et payez en toute sécurité\u00a0: portefeuille d’abord, puis carte.",
    meet: "Retrouvez-vous en visio, puis notez la séance et gardez votre facture.",
  },
  mentorSteps: {
    profile: "Présentez ce que vous faites, vos séances, vos tarifs et vos horaires de la semaine.",
    sessions:
      "Les mentorés réservent les créneaux que vous proposez\u00a0; rappels et salles de visio sont automatiques.",
    paid: "Vos gains deviennent disponibles après chaque séance et sont versés sur votre compte.",
  },
  becomeMentor: "Devenir mentor",
  trustHeading: "Pourquoi faire confiance à Mentora",
  trust: {
    reviewsTitle: "Des avis honnêtes",
    reviews:
      "Seules les personnes présentes à une séance peuvent la noter\u00a0: les notes reflètent de vraies séances.",
    paymentsTitle: "Des paiements sécurisés",
    payments:
      "Les paiements passent par des prestataires reconnus\u00a0; une séance annulée dans les délais est remboursée intégralement.",
    invoicesTitle: "Une facture pour chaque paiement",
    invoices:
      "Chaque paiement donne lieu à une facture PDF conforme, prête pour votre comptabilité.",
  },
  ctaHeading: "Prêt quand vous l’êtes",
  ctaText: "Créez votre compte gratuit et réservez votre première séance en une minute.",
};
