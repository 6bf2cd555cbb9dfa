import type { web as en } from "../../en/web.ts";

export const authErrors: (typeof en)["authErrors"] = {
  USER_ALREADY_EXISTS:
    "Un compte existe déjà avec cette adresse e-mail. Essayez plutôt de vous connecter.",
  INVALID_EMAIL_OR_PASSWORD: "L’adresse e-mail ou le mot de passe est incorrect.",
  EMAIL_NOT_VERIFIED:
    "Votre adresse e-mail n’est pas encore confirmée. Ouvrez le lien de l’e-mail envoyé lors de votre inscription, puis reconnectez-vous.",
  PASSWORD_TOO_SHORT: "Le mot de passe est trop court\u00a0: utilisez au moins 8 caractères.",
  PASSWORD_TOO_LONG: "Le mot de passe est trop long\u00a0: utilisez au plus 128 caractères.",
  INVALID_EMAIL: "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
  TOO_MANY_REQUESTS: "Trop de tentatives. Patientez un instant puis réessayez.",
  TOO_MANY_REQUESTS_MINUTES: "Trop de tentatives. Réessayez dans {minutes} minutes.",
  TOO_MANY_REQUESTS_ONE_MINUTE: "Trop de tentatives. Réessayez dans 1 minute.",
  FORBIDDEN: "Cette requête a été refusée. Rechargez la page et réessayez.",
  generic: "Nous n’avons pas pu traiter cette demande. Veuillez réessayer.",
  OAUTH_ACCOUNT_NOT_LINKED:
    "Un compte existe déjà avec cette adresse. Connectez-vous avec votre mot de passe, puis associez Google depuis votre compte.",
  OAUTH_EMAIL_NOT_VERIFIED:
    "Google n’a pas confirmé cette adresse e-mail : nous ne pouvons pas créer de compte avec elle. Confirmez-la auprès de Google, ou inscrivez-vous avec e-mail et mot de passe.",
  OAUTH_CANCELLED: "La connexion avec Google a été annulée.",
  OAUTH_EXPIRED:
    "La connexion avec Google a pris trop de temps ou a été lancée ailleurs. Veuillez réessayer.",
  OAUTH_GENERIC: "Nous n’avons pas pu vous connecter avec Google. Veuillez réessayer.",
};
