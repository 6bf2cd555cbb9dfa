export { type Context, createContext, isTimeZone, requestIdFrom } from "./context.ts";
export { toUserFacingError, type UserFacingError } from "./error-shape.ts";
export {
  type Access,
  adminProcedure,
  authedProcedure,
  createCallerFactory,
  type Meta,
  mentorProcedure,
  publicProcedure,
  requireFreshSession,
  router,
} from "./init.ts";
export {
  type ApiDocsOperation,
  publicApiBasePath,
  publicApiDocs,
  publicApiDocument,
  publicApiResponse,
} from "./openapi.ts";
export { type AppRouter, appRouter, createCaller } from "./router.ts";
