import { createContext, useContext } from "react";

/**
 * The request's CSP nonce while rendering on the server (entry.server.tsx provides it). In the
 * browser it is undefined: browsers hide nonce attributes, and hydrated scripts need none.
 */
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
