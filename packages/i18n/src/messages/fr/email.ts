import type { email as en } from "../en/email.ts";

// French typography: a non-breaking space (\u00a0) goes before ":" and "!".
export const email: typeof en = {
  layout: {
    footer: "Ce message automatique vous est envoyé par {appName}. Les réponses ne sont pas lues.",
  },
  greeting: "Bonjour {name},",
  greetingNoName: "Bonjour,",
  linkHint: "Si le bouton ne fonctionne pas, copiez et collez ce lien dans votre navigateur\u00a0:",
  verifyEmail: {
    subject: "Confirmez votre adresse e-mail pour {appName}",
    intro:
      "Bienvenue sur {appName}\u00a0! Veuillez confirmer votre adresse e-mail pour terminer la création de votre compte.",
    action: "Confirmer mon adresse e-mail",
    ignore: "Si vous n’avez pas créé de compte sur {appName}, vous pouvez ignorer cet e-mail.",
  },
  signInLockout: {
    subject: "Échecs de connexion sur votre compte {appName}",
    intro:
      "Quelqu’un a essayé plusieurs fois de se connecter à votre compte {appName} avec un mauvais mot de passe. Pour le protéger, la connexion par mot de passe est suspendue pendant {minutes} min.",
    action: "Me connecter",
    ignore:
      "Si c’était vous, patientez puis réessayez. Sinon, quelqu’un essaie peut-être de deviner votre mot de passe : vérifiez qu’il est long et que vous ne l’utilisez nulle part ailleurs.",
  },
  signUpExisting: {
    subject: "Quelqu’un a tenté de créer un compte {appName} avec votre adresse",
    intro:
      "Quelqu’un a tenté de créer un nouveau compte {appName} avec cette adresse e-mail, qui a déjà un compte. Rien n’a été modifié.",
    action: "Me connecter",
    ignore:
      "Si c’était vous, connectez-vous avec votre mot de passe, ou réinitialisez-le si vous l’avez oublié. Sinon, vous pouvez ignorer cet e-mail.",
  },
  resetPassword: {
    subject: "Réinitialisez votre mot de passe {appName}",
    intro:
      "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte {appName}.",
    action: "Choisir un nouveau mot de passe",
    ignore:
      "Si vous n’avez pas demandé à réinitialiser votre mot de passe, vous pouvez ignorer cet e-mail\u00a0: votre mot de passe ne changera pas.",
  },
  payoutEmail: {
    subject: "Confirmez votre adresse PayPal pour les versements {appName}",
    intro:
      "Vos versements {appName} doivent être envoyés à cette adresse PayPal. Confirmez qu’elle est bien à vous\u00a0: le lien est valable 24\u00a0heures.",
    action: "Confirmer cette adresse",
    ignore:
      "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail\u00a0: rien ne sera versé à cette adresse.",
  },
  invitation: {
    subject: "{name} vous invite à «\u00a0{title}\u00a0» sur {appName}",
    intro: "{name} vous invite à réserver «\u00a0{title}\u00a0» sur {appName}.",
    privatePrice: "Votre tarif privé\u00a0: {price}.",
    expires: "Cette invitation est valable jusqu’au {date}.",
    action: "Voir l’invitation",
    ignore: "Si vous n’attendiez pas cette invitation, vous pouvez ignorer cet e-mail.",
  },
  booking: {
    when: "Quand\u00a0: {time}",
    viewAction: "Voir la réservation",
    calendarHint: "L’invitation jointe l’ajoute à votre agenda.",
    calendarCancelHint: "Le fichier joint le retire de votre agenda.",
    calendarSummary: "{title} avec {name}",
    calendarGroupSummary: "{title} (séance de groupe, participants\u00a0: {count})",
    calendarFeedName: "Séances Mentora",
    confirmed: {
      menteeSubject: "Réservation confirmée\u00a0: {title} avec {name}",
      menteeIntro: "Votre réservation est confirmée\u00a0: «\u00a0{title}\u00a0» avec {name}.",
      mentorSubject: "Nouvelle réservation\u00a0: {title} avec {name}",
      mentorIntro: "{name} a réservé «\u00a0{title}\u00a0» avec vous.",
      invoiceAction: "Télécharger votre facture",
    },
    cancelled: {
      subject: "Annulation\u00a0: {title} avec {name}",
      byYou: "Vous avez annulé la séance «\u00a0{title}\u00a0» avec {name}.",
      byCounterpart: "{name} a annulé la séance «\u00a0{title}\u00a0».",
      byAdmin: "L’équipe {appName} a annulé la séance «\u00a0{title}\u00a0» avec {name}.",
      bySystem: "La séance «\u00a0{title}\u00a0» avec {name} a été annulée.",
      reason: "Motif indiqué\u00a0: {reason}",
      wasPlanned: "Elle était prévue le {time}.",
    },
    rescheduled: {
      subject: "Nouvel horaire\u00a0: {title} avec {name}",
      intro: "La séance «\u00a0{title}\u00a0» avec {name} a changé d’horaire.",
      previous: "Avant\u00a0: {time}",
      next: "Désormais\u00a0: {time}",
    },
    reminder: {
      subject24h: "Demain\u00a0: {title} avec {name}",
      subject1h: "Dans 1\u00a0heure\u00a0: {title} avec {name}",
      intro24h:
        "Rappel\u00a0: la séance «\u00a0{title}\u00a0» avec {name} commence dans 24\u00a0heures.",
      intro1h:
        "Rappel\u00a0: la séance «\u00a0{title}\u00a0» avec {name} commence dans 1\u00a0heure.",
    },
  },
  accountDeleted: {
    subject: "Votre compte {appName} a été supprimé",
    intro:
      "Comme vous l’avez demandé, votre compte {appName} et les données personnelles qu’il contenait ont été supprimés. Vos séances à venir ont été annulées et remboursées.",
    kept: "Nous conservons vos factures et vos paiements pendant 10\u00a0ans, comme la loi l’exige, sous un identifiant anonyme.",
    notYou:
      "Si vous n’avez pas demandé cette suppression, contactez l’équipe {appName} sans attendre.",
  },
  dataExport: {
    subject: "Vos données {appName} sont prêtes",
    intro:
      "La copie de vos données {appName} que vous avez demandée est prête\u00a0: un fichier ZIP.",
    action: "Télécharger mes données",
    expires: "Le lien ne fonctionne que pour vous, une fois connecté, jusqu’au {date}.",
  },
  payoutMethodChanged: {
    subject: "Votre moyen de versement {appName} a été modifié",
    intro: "Votre moyen de versement a été remplacé par {method}.",
    cancelled:
      "Par sécurité, {count} demande(s) de versement en cours ont été annulées et le montant est de nouveau disponible.",
    cooldown:
      "Les versements vers ce nouveau moyen pourront être demandés à partir du {availableAt}.",
    notYou:
      "Si vous n’êtes pas à l’origine de ce changement, réinitialisez votre mot de passe et contactez-nous\u00a0: quelqu’un utilise peut-être votre compte.",
    action: "Voir mes versements",
  },
  notifications: {
    subject: "{count} nouvelle(s) notification(s) sur {appName}",
    intro: "Voici ce qui s’est passé sur {appName} et que vous n’avez pas encore vu\u00a0:",
    more: "…et {count} de plus.",
    action: "Ouvrir mes notifications",
    preferences:
      "Vous pouvez choisir ce que nous vous envoyons par e-mail dans votre compte, rubrique Notifications.",
    lines: {
      BOOKING_CONFIRMED: "Réservation confirmée\u00a0: {title}, {when}",
      BOOKING_CANCELLED: "Réservation annulée\u00a0: {title}, {when}",
      BOOKING_MOVED: "Séance déplacée\u00a0: {title}, désormais {when}",
      SESSION_STARTING: "{title} commence dans 10 minutes ({when})\u00a0: rejoignez l’appel",
      PAYMENT_SUCCEEDED: "Paiement de {amount} réussi",
      PAYMENT_FAILED: "Paiement de {amount} échoué",
      REFUND_ISSUED: "Remboursement de {amount} effectué",
      INVOICE_READY: "La facture {number} est prête",
      NEW_MESSAGE: "Nouveau message dans une conversation de réservation",
      PAYOUT_APPROVED: "Versement de {amount} approuvé",
      PAYOUT_PAID: "Versement de {amount} payé",
      PAYOUT_FAILED: "Versement de {amount} échoué\u00a0: il est de retour dans vos demandes",
      EARNINGS_RELEASED: "{amount} de revenus disponibles pour un versement",
      APPLICATION_APPROVED: "Votre candidature de mentor a été acceptée",
      APPLICATION_REJECTED: "Votre candidature de mentor n’a pas été acceptée",
      ADMIN_PAYOUT_REQUESTED: "Versement de {amount} en attente d’approbation",
      ADMIN_WEBHOOK_FAILED: "Un webhook {provider} a échoué après toutes les tentatives",
      ADMIN_DISPUTE_OPENED: "Litige ouvert sur un paiement de {amount}",
      ADMIN_MODERATION: "Contenu en attente de modération",
      MODERATION_APPROVED: "Un modérateur a publié votre {what}",
      MODERATION_REJECTED: "Un modérateur n’a pas accepté votre {what}",
      REVIEW_RECEIVED: "Nouvel avis {stars} étoiles sur {title}",
      REVIEW_ANSWERED: "Votre mentor a répondu à votre avis sur {title}",
      REVIEW_REMINDER: "Comment s’est passée la séance {title} ? Donnez votre avis",
    },
  },
  moderation: {
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
    withheldSubject: "Votre {what} {appName} n’est pas publié",
    withheldIntro: "Nous avons vérifié votre {what} et ne l’avons pas publié, pour cette raison :",
    approvedSubject: "Votre {what} {appName} est publié",
    approvedIntro: "Un modérateur a examiné votre {what} et l’a publié.",
    rejectedSubject: "Votre {what} {appName} n’a pas été accepté",
    rejectedIntro: "Un modérateur a examiné votre {what} et ne l’a pas accepté.",
    note: "La note du modérateur : {note}",
    fix: "Modifiez-le depuis votre compte : il est vérifié de nouveau dès l’enregistrement.",
    action: "Ouvrir mon compte",
    what: {
      PROFILE_TEXT: "profil",
      AVATAR: "portrait",
      MENTOR_APPLICATION: "dossier de mentor",
      MESSAGE: "message",
    },
  },
  matches: {
    subject: "Des mentors pour vous sur {appName}",
    intro: "Vous nous avez dit ce que vous cherchez : voici les mentors qui y répondent le mieux.",
    nextSlots: "Prochains créneaux libres : {slots}",
    noSlots:
      "Aucun créneau libre dans la période indiquée : ouvrez leur page pour voir les suivants.",
    none: "Aucun mentor ne correspond encore à votre demande. Réessayez avec moins de contraintes.",
    action: "Voir mes mentors",
  },
  // s6-webhooks (issue #18)
  webhookEndpointDisabled: {
    subject: "Votre point de terminaison webhook {appName} a été désactivé",
    intro:
      "Les envois vers votre point de terminaison webhook {url} échouent depuis le {since} : nous l’avons désactivé. Plus aucun événement ne lui est envoyé.",
    fix: "Corrigez le récepteur puis réactivez le point de terminaison : les envois échoués peuvent être rejoués depuis son journal.",
    action: "Ouvrir le point de terminaison",
  },
};
