import type { web as en } from "../../en/web.ts";

export const money: (typeof en)["money"] = {
  free: "Gratuit",
};
