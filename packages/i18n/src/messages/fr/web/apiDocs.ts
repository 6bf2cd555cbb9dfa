import type { web as en } from "../../en/web.ts";

export const apiDocs: (typeof en)["apiDocs"] = {
  title: "Documentation de l’API",
  heading: "API REST de Mentora",
  intro:
    "Lisez les mentors, leurs offres et créneaux libres, vos réservations et vos paiements depuis vos programmes. Créez une clé dans votre compte, puis envoyez-la à chaque appel.",
  document: "Document OpenAPI (JSON)",
  baseUrl: "URL de base",
  authentication: "Authentification",
  authenticationText:
    "Envoyez votre clé dans Authorization: Bearer <clé> (ou x-api-key: <clé>). Chaque clé a des portées et une limite de débit ; une clé révoquée ou expirée reçoit 401.",
  errors: "Erreurs",
  errorsText:
    'Une erreur est un JSON avec un code stable : { "error": { "code", "message", "requestId", "httpStatus" } }. 429 vient avec Retry-After.',
  parameters: "Paramètres",
  parameter: "Nom",
  where: "Dans",
  type: "Type",
  required: "Obligatoire",
  yes: "oui",
  no: "non",
  response: "Réponse",
  example: "Exemple",
  scope: "Portée",
  manageKeys: "Gérer vos clés d’API",
};
