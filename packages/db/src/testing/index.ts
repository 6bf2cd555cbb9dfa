export {
  type CreateTestDatabaseOptions,
  createTestDatabase,
  type TestDatabase,
} from "./createTestDatabase.ts";
export { globalSetupPath } from "./globalSetupPath.ts";
export { type NodeRun, runNode } from "./runNode.ts";
export {
  seedCacheEnabled,
  seedCacheVariable,
  seededTemplate,
  seededTemplateName,
} from "./seededTemplate.ts";
