export { rateLimitsConfig } from "./config.ts";
export {
  defaultPolicies,
  lockout,
  lockoutSeconds,
  type PolicyLimit,
  type PolicyName,
  parseRateLimitOverrides,
  policyNames,
  resolvePolicies,
} from "./policies.ts";
export {
  createRateLimits,
  emailKey,
  ipKey,
  type RateLimits,
  type RetryAfter,
  retryAfterOf,
  type SignInFailure,
  userKey,
} from "./rate-limits.ts";
