export {
  type CreateTestDatabaseOptions,
  createTestDatabase,
  type TestDatabase,
} from "./createTestDatabase.ts";
export { globalSetupPath } from "./globalSetupPath.ts";
