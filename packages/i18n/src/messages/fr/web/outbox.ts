import type { web as en } from "../../en/web.ts";

export const outbox: (typeof en)["outbox"] = {
  title: "Boîte d’envoi (dev)",
  heading: "Boîte d’envoi de développement",
  intro:
    "Aucun serveur SMTP n’est configuré\u00a0: les e-mails sont conservés ici au lieu d’être envoyés. Les plus récents d’abord.",
  empty: "Aucun e-mail pour le moment.",
  to: "Destinataire",
  subject: "Objet",
  sentAt: "Envoyé",
  back: "Retour à la boîte d’envoi",
  message: "Message",
};
