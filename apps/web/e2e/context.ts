// Values e2e/global-setup.ts hands to the test files (vitest provide/inject).
declare module "vitest" {
  export interface ProvidedContext {
    /** Where the built web server listens, e.g. http://localhost:41234 (PUBLIC_URL). */
    webBaseUrl: string;
    /** The database the web server and worker use: tests may prepare data in it directly. */
    webDatabaseUrl: string;
    /** The db harness's cluster and template, for a test that starts a server pair of its own. */
    webDbRun: {
      mentoraDbAdminUrl?: string;
      mentoraTemplateDb?: string;
      mentoraDbRunPrefix?: string;
    };
  }
}

export {};
