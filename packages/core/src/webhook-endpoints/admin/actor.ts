import { auditActorOf } from "../../audit/index.ts";
import type { EndpointActor } from "../endpoints.ts";

/** The admin calling a procedure, as the endpoint services take it (changes audit-logged). */
export const adminActor = (ctx: {
  user: { id: string };
  ip: string | null;
  userAgent: string | null;
}): EndpointActor => ({ role: "ADMIN", userId: ctx.user.id, audit: auditActorOf(ctx) });
