import { z } from "zod";
import { webhookStatus } from "../../../contracts/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../../trpc/pagination.ts";

export const adminListWebhooksInput = z
  .object({
    status: webhookStatus.optional(),
    provider: z.string().max(50).optional(),
    /** Failed and dead events only. */
    failuresOnly: z.boolean().default(false),
    ...pageInput(),
  })
  .strict();

const webhookRow = z.object({
  id: z.string(),
  provider: z.string(),
  eventId: z.string(),
  type: z.string(),
  status: webhookStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
  /** Failed and dead events can be processed again (adminReplayWebhook). */
  replayable: z.boolean(),
});

/** Stored webhook events, newest first, with their processing state and last error. */
export const adminListWebhooks = adminProcedure
  .input(adminListWebhooksInput)
  .output(pageOutput(webhookRow))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.webhookEvent.findMany({
      where: {
        provider: input.provider,
        status: input.failuresOnly ? { in: ["FAILED", "DEAD"] } : input.status,
      },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
      select: {
        id: true,
        provider: true,
        eventId: true,
        type: true,
        status: true,
        attempts: true,
        lastError: true,
        receivedAt: true,
        processedAt: true,
      },
    });
    const page = cursorPage(rows, input.limit);
    return {
      ...page,
      items: page.items.map((row) => ({
        ...row,
        replayable: row.status === "FAILED" || row.status === "DEAD",
      })),
    };
  });
