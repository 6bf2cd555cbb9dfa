import type { web as en } from "../../en/web.ts";

export const meta: (typeof en)["meta"] = {
  title: "{page} · {appName}",
  description: "Des séances de mentorat et de coaching payantes, réservées en une minute.",
};
