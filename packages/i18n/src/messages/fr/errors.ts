import type { errors as en } from "../en/errors.ts";

export const errors: typeof en = {
  BAD_REQUEST: "Certaines informations envoyées ne sont pas valides.",
  UNAUTHORIZED: "Veuillez vous connecter pour continuer.",
  FORBIDDEN: "Vous n’êtes pas autorisé à faire ceci.",
  NOT_FOUND: "Nous n’avons pas trouvé ce que vous cherchez.",
  CONFLICT: "Cela entre en conflit avec un élément existant.",
  TOO_MANY_REQUESTS: "Trop de tentatives. Patientez un instant puis réessayez.",
  INTERNAL_SERVER_ERROR: "Une erreur est survenue de notre côté. Veuillez réessayer.",
  VALIDATION_FAILED: "Veuillez corriger les champs signalés.",
};
