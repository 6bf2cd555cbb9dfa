// Values the globalSetup hands to test files through vitest's provide()/inject().
declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the test server (embedded cluster or DATABASE_URL). */
    mentoraDbAdminUrl: string;
    /** Migrated template database that createTestDatabase() clones. */
    mentoraTemplateDb: string;
    /** Prefix of every database this test run creates (template and clones). */
    mentoraDbRunPrefix: string;
  }
}

export {};
