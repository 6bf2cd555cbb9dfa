export { type DemoUser, demoPassword, demoUsers } from "./demoUsers.ts";
export { type DemoCredential, seedDemoData } from "./seedDemoData.ts";
