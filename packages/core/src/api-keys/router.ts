import { router } from "../trpc/init.ts";
import { create } from "./procedures/create-api-key.ts";
import { list } from "./procedures/list-api-keys.ts";
import { revoke } from "./procedures/revoke-api-key.ts";

/** The account page's API keys: session only (an API key cannot manage keys). */
export const apiKeysRouter = router({ list, create, revoke });
