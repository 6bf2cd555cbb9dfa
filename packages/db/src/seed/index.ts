export { type DemoUser, demoPassword, demoUsers } from "./demoUsers.ts";
export { assertOnlyDemoUsers, assertSeedEnvironment } from "./guard.ts";
export { type DemoCredential, seedDemoData } from "./seedDemoData.ts";
