export { adminRouter } from "./router.ts";
