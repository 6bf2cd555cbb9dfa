export { type AuditActor, type AuditEntry, auditActorOf, writeAudit } from "./audit-log.ts";
