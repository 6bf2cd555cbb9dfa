import { defineConfigSlice, optionalString } from "../config/slice.ts";
import { parseTrustedProxies } from "./client-ip.ts";

/** Rate limits and client IP (issue #11): which proxies' forwarded addresses to believe. */
export const networkConfig = defineConfigSlice({
  env: {
    TRUSTED_PROXIES: optionalString.superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch {
        ctx.addIssue({
          code: "custom",
          message: "must be a hop count like 1, or a comma list of IP addresses or CIDR ranges",
        });
      }
    }),
  },
  section: (env) => ({ trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES) }),
});
