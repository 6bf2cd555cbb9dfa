import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { dataExportUrlPath } from "../data-export.ts";

export const dataExportOutput = z.object({
  id: z.string(),
  status: z.enum(["PENDING", "READY", "FAILED", "EXPIRED"]),
  createdAt: z.date(),
  expiresAt: z.date(),
  sizeBytes: z.number().nullable(),
  /** Where the owner downloads it, while it is ready. */
  downloadPath: z.string().nullable(),
});

/** The viewer's data exports, newest first (the last 10). */
export const listExports = authedProcedure
  .output(z.array(dataExportOutput))
  .query(async ({ ctx }) => {
    const now = Date.now();
    const rows = await ctx.services.prisma.dataExport.findMany({
      where: { userId: ctx.user.id },
      orderBy: { createdAt: "desc" },
      take: 10,
    });
    return rows.map((row) => {
      const status =
        row.status === "READY" && row.expiresAt.getTime() <= now ? "EXPIRED" : row.status;
      return {
        id: row.id,
        status,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        sizeBytes: row.sizeBytes,
        downloadPath: status === "READY" ? dataExportUrlPath(row.id) : null,
      };
    });
  });
