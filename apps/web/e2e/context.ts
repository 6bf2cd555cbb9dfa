// Values e2e/global-setup.ts hands to the test files (vitest provide/inject).
declare module "vitest" {
  export interface ProvidedContext {
    /** Where the built web server listens, e.g. http://localhost:41234 (PUBLIC_URL). */
    webBaseUrl: string;
  }
}

export {};
