export { alertAdmins } from "./admin-alert.ts";
export { createAppTelemetry } from "./app-telemetry.ts";
