import { defineConfigSlice, optionalString } from "../config/slice.ts";
import { parseRateLimitOverrides, resolvePolicies } from "./policies.ts";

export const rateLimitsConfig = defineConfigSlice({
  env: {
    RATE_LIMITS: optionalString.superRefine((value, ctx) => {
      try {
        parseRateLimitOverrides(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  },
  section: (env) => resolvePolicies(parseRateLimitOverrides(env.RATE_LIMITS)),
});
