/** API keys for the public REST API (issue #18, decision 052): the domain's front door. */
export { createApiContext } from "./api-context.ts";
export { maxApiKeysPerUser } from "./procedures/create-api-key.ts";
export { apiKeysRouter } from "./router.ts";
export {
  type ApiKeyPermissions,
  apiKeyFromHeaders,
  isApiScope,
  permissionsToScopes,
  scopesToPermissions,
} from "./scopes.ts";
