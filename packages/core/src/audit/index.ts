export { type AuditActor, type AuditEntry, auditActorOf, writeAudit } from "./audit-log.ts";
export { listAudit } from "./procedures/list-audit.ts";
