export { healthRouter } from "./procedures/check-health.ts";
