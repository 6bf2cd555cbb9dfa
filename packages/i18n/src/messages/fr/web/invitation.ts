import type { web as en } from "../../en/web.ts";

export const invitation: (typeof en)["invitation"] = {
  title: "Invitation",
  eyebrow: "Vous êtes invité",
  heading: "{name} vous invite à «\u00a0{title}\u00a0»",
  expires: "Cette invitation est valable jusqu’au {date}.",
  personal: "Elle est personnelle\u00a0: seule l’adresse e-mail invitée peut l’utiliser.",
  privatePrice: "Prix privé",
  mentorPage: "Voir le profil de {name}",
  pickTime: "Choisissez un créneau",
};
