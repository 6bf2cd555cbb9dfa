export { applyMigrations } from "./applyMigrations.ts";
export {
  type CheckSchemaResult,
  checkSchema,
  type SchemaProblem,
  type SchemaProblemKind,
} from "./checkSchema.ts";
export { type CreateMigrationResult, createMigration } from "./createMigration.ts";
export type { MigrationToolOptions } from "./options.ts";
