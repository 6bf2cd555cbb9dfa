export { type App, type CreateAppOptions, createApp } from "./create-app.ts";
export type { AppServices } from "./types.ts";
