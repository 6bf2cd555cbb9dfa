export { catalog as demoCatalog, catalogEmail, catalogUserId } from "./demoCatalog.ts";
export { type DemoUser, demoPassword, demoUsers, featuredDemoUsers } from "./demoUsers.ts";
export { assertOnlyDemoUsers, assertSeedEnvironment } from "./guard.ts";
export {
  existingScaleMentors,
  type ScaleCounts,
  type ScaleProgress,
  scaleCounts,
  scaleEmailDomain,
  seedScale,
} from "./scale.ts";
export { type DemoCredential, seedDemoData } from "./seedDemoData.ts";
