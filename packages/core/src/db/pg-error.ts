/**
 * The Postgres SQLSTATE behind an error thrown by Prisma through @prisma/adapter-pg, e.g.
 * "23P01" (exclusion violation) or "23505" (unique violation). Prisma maps some codes (P2002)
 * and wraps the rest; both carry the original code in `meta.driverAdapterError.cause`.
 */
export function pgErrorCode(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } })
    ?.meta;
  const original = meta?.driverAdapterError?.cause?.originalCode;
  if (original) return original;
  if ((error as { code?: string })?.code === "P2002") return "23505";
  return undefined;
}
