export { createPgKeyValueStore } from "./pg-key-value-store.ts";
