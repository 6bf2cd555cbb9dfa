import type { web as en } from "../../en/web.ts";

export const signOut: (typeof en)["signOut"] = {
  title: "Déconnexion",
  heading: "Déconnexion",
  confirm: "Voulez-vous vous déconnecter de {appName} sur cet appareil\u00a0?",
  submit: "Se déconnecter",
};
