export { profileChanged } from "./events.ts";
