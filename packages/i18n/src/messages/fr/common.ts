import type { common as en } from "../en/common.ts";

export const common: typeof en = {
  appName: "Mentora",
  tagline: "Du mentorat et du coaching payants, réservés en une minute.",
};
