import type { web as en } from "../../en/web.ts";

export const adminAudit: (typeof en)["adminAudit"] = {
  title: "Journal d’audit",
  nav: "Journal d’audit",
  heading: "Journal d’audit",
  action: "Action",
  target: "Identifiant de la cible",
  none: "Aucune action d’administration ne correspond.",
  when: "Quand",
  who: "Qui",
  from: "Depuis",
};
