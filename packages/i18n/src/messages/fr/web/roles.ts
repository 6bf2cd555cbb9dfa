import type { web as en } from "../../en/web.ts";

export const roles: (typeof en)["roles"] = {
  MENTEE: "Mentoré",
  MENTOR: "Mentor",
  ADMIN: "Administrateur",
};
