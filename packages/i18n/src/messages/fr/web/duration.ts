import type { web as en } from "../../en/web.ts";

export const duration: (typeof en)["duration"] = {
  minutes: "{minutes}\u00a0min",
  hours: "{hours}\u00a0h",
  hoursMinutes: "{hours}\u00a0h\u00a0{minutes}",
};
