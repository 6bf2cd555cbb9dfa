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
  PROFILE_INCOMPLETE:
    "Complétez d’abord votre profil : un titre, une bio, au moins une compétence, vos langues et votre fuseau horaire.",
  ALREADY_APPLIED: "Vous avez déjà demandé à devenir mentor.",
  SLOT_TAKEN:
    "Désolé, ce créneau vient d’être réservé par quelqu’un d’autre. Choisissez-en un autre.",
  SLOT_UNAVAILABLE: "Ce créneau n’est plus disponible. Choisissez-en un autre.",
  SESSION_FULL: "Cette session de groupe est complète.",
  ALREADY_BOOKED: "Vous avez déjà une place dans cette session.",
  OFFERING_UNAVAILABLE: "Cette offre n’est plus disponible.",
  MENTOR_NOT_ACCEPTING: "Ce mentor ne prend pas de réservations pour le moment.",
  HOLD_EXPIRED: "Votre créneau réservé a expiré. Veuillez réserver à nouveau.",
  BOOKING_NOT_CANCELLABLE: "Cette réservation ne peut plus être modifiée.",
  CANCELLATION_WINDOW_PASSED:
    "Il est trop tard pour annuler cette réservation selon la politique d’annulation.",
  INVITATION_INVALID: "Cette invitation n’est pas valide ou a expiré.",
  INVITATION_USED: "Vous avez déjà utilisé cette invitation.",
  INVITATION_WRONG_DURATION:
    "Cette invitation vaut pour une séance de {durationMinutes} minutes : choisissez cette durée pour l’utiliser.",
  HOLD_LIMIT_REACHED:
    "Vous avez déjà {maxOpenHolds} réservations en attente de paiement. Payez-en une ou laissez-la expirer avant d’en bloquer une autre.",
  FREE_BOOKING_LIMIT_REACHED:
    "Vous avez déjà {maxFreeBookingsPerWeek} séances gratuites avec ce mentor cette semaine-là. Choisissez une autre semaine.",
  INSUFFICIENT_BALANCE: "Le solde de votre portefeuille est insuffisant pour ce paiement.",
  BOOKING_CANCELLED: "Cette séance a été annulée : elle ne peut plus être payée.",
  BOOKING_NOT_PAYABLE: "Cette réservation n’a plus rien à payer.",
  PAYMENT_REFUSED:
    "Le prestataire de paiement a refusé ce paiement. Réessayez ou utilisez un autre moyen.",
  GATEWAY_UNAVAILABLE:
    "Le prestataire de paiement ne répond pas. Rien n’a été débité deux fois : réessayez dans un instant.",
  CURRENCY_NOT_SUPPORTED: "Cette devise ne peut pas être payée ici.",
  REFUND_NOT_POSSIBLE:
    "Ce paiement ne peut pas être remboursé (plus rien à rembourser, ou il n’a jamais abouti).",
  WEBHOOK_NOT_REPLAYABLE: "Cet événement a déjà été traité.",
  VIDEO_NOT_OPEN_YET: "L’appel n’est pas encore ouvert : il ouvre quelques minutes avant le début.",
  VIDEO_SESSION_ENDED: "Cette séance est terminée : son appel est fermé.",
  PAYOUT_METHOD_MISSING: "Configurez un moyen de versement avant de demander un versement.",
  PAYOUT_METHOD_UNAVAILABLE: "Ce moyen de versement ne peut pas être utilisé ici pour le moment.",
  PAYOUT_BELOW_MINIMUM: "Ce montant est inférieur au versement minimum autorisé.",
  PAYOUT_EXCEEDS_AVAILABLE: "Ce montant dépasse vos gains disponibles.",
  PAYOUT_STATUS_CONFLICT: "Ce versement a déjà changé d’état : actualisez pour le voir.",
  PAYOUT_METHOD_COOLDOWN:
    "Votre moyen de versement a changé récemment. Pour votre sécurité, vous pourrez demander un versement vers lui à partir du {availableAt}.",
  AVATAR_TOO_LARGE: "Cette image est trop lourde. Choisissez-en une de moins de 5 Mo.",
  AVATAR_UNSUPPORTED_TYPE: "Choisissez une image JPEG, PNG ou WebP.",
  AVATAR_UNREADABLE: "Nous n’avons pas pu lire cette image. Essayez-en une autre.",
  PASSWORD_INCORRECT: "Ce mot de passe n’est pas correct.",
  ACCOUNT_DELETION_BLOCKED:
    "Votre compte ne peut pas encore être supprimé\u00a0: de l’argent ou une séance imminente y est encore lié (voir ci-dessous).",
  DATA_EXPORT_LIMIT:
    "Vous pouvez demander une copie de vos données 3\u00a0fois par jour. Réessayez demain.",
  TWO_FACTOR_REQUIRED:
    "Les actions d’administration exigent la double authentification : activez-la, ou reconnectez-vous avec votre code.",
  FRESH_SIGN_IN_REQUIRED:
    "Par sécurité, confirmez que c’est bien vous : reconnectez-vous pour continuer.",
  JOB_NOT_RETRYABLE: "Cette tâche n’est plus en échec : actualisez pour voir où elle en est.",
  JOB_NOT_DELETABLE:
    "Seules les tâches en échec peuvent être supprimées : actualisez pour voir où en est celle-ci.",
  MODERATION_CASE_CLOSED:
    "Ce signalement est déjà traité ou le contenu a changé depuis : actualisez la file.",
  REALTIME_STREAM_LIMIT:
    "Trop de pages ouvertes suivent les mises à jour en direct : fermez quelques onglets.",
  CONVERSATION_CLOSED:
    "Cette conversation est fermée aux nouveaux messages. Vous pouvez toujours la lire.",
  MESSAGE_REJECTED: "Ce message ne peut pas être envoyé : merci de le reformuler.",
  ATTACHMENT_TOO_LARGE: "Cette image est trop lourde. Choisissez-en une de moins de 5\u00a0Mo.",
  ATTACHMENT_UNSUPPORTED_TYPE: "Vous pouvez joindre uniquement une image JPEG, PNG ou WebP.",
  ATTACHMENT_UNREADABLE: "Nous n’avons pas pu lire cette image. Essayez-en une autre.",
  API_KEY_REQUIRED:
    "Cette API demande une clé d’API : envoyez-la dans l’en-tête Authorization: Bearer <clé>.",
  API_KEY_INVALID: "Cette clé d’API n’est pas valide : elle a peut-être été révoquée.",
  API_KEY_EXPIRED: "Cette clé d’API a expiré : créez-en une nouvelle dans votre compte.",
  API_KEY_SCOPE_MISSING: "Cette clé d’API n’a pas la portée nécessaire à cet appel.",
  // Outgoing webhooks (issue #18)
  WEBHOOK_URL_REJECTED:
    "Cette URL ne peut pas recevoir de webhooks : utilisez une adresse https:// publique (pas d’adresse privée, locale ou de métadonnées).",
  WEBHOOK_ENDPOINT_DISABLED:
    "Ce point de terminaison est désactivé. Activez-le pour lui envoyer des événements.",
  WEBHOOK_ENDPOINT_LIMIT:
    "Vous avez atteint le nombre maximal de points de terminaison webhook ({max}).",
  // Avis (issue #18)
  REVIEW_NOT_PARTICIPANT: "Seules les personnes qui ont participé à cette séance peuvent la noter.",
  REVIEW_NOT_OPEN_YET: "Vous pourrez noter cette séance une fois qu’elle aura eu lieu.",
  REVIEW_NOT_ATTENDED: "Seuls les participants présents à la séance peuvent la noter.",
  REVIEW_WINDOW_CLOSED:
    "Les avis sont acceptés pendant 14 jours après la séance : celui-ci est clos.",
  REVIEW_ALREADY_SUBMITTED: "Vous avez déjà donné votre avis sur cette séance.",
  REVIEW_REJECTED: "Cet avis ne peut pas être publié : merci de le reformuler.",
  REVIEW_ALREADY_ANSWERED: "Vous avez déjà répondu à cet avis.",
  REVIEW_STATUS_CONFLICT: "Cet avis a changé entre-temps : actualisez la page.",
  GOOGLE_CALENDAR_NOT_CONNECTED: "Connectez d’abord votre Google Agenda.",
  GOOGLE_CALENDAR_UNAVAILABLE: "Google Agenda n’a pas répondu. Réessayez dans un instant.",
  GOOGLE_CALENDAR_INVALID_CHOICE:
    "Choisissez des agendas de votre liste\u00a0; les séances ne peuvent aller que dans un agenda que vous pouvez modifier.",
  PAYOUT_ACCOUNT_NOT_READY:
    "Votre compte Stripe ne peut pas encore recevoir de versements\u00a0: terminez sa configuration chez Stripe.",
  PAYOUT_EMAIL_UNVERIFIED:
    "Confirmez d’abord votre adresse PayPal\u00a0: ouvrez le lien que nous lui avons envoyé.",
  PAYOUT_VERIFICATION_INVALID:
    "Ce lien de confirmation n’est plus valable (expiré, ou l’adresse a changé). Demandez-en un nouveau.",
  PAYOUT_ONBOARDING_REQUIRED:
    "Les versements Stripe se configurent chez Stripe\u00a0: utilisez «\u00a0Configurer les versements avec Stripe\u00a0».",
};
