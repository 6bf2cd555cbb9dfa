export { healthRouter } from "./check.ts";
