import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { listMessageReports } from "../../reports.ts";

export const listMessageReportsInput = z
  .object({
    status: z.enum(["OPEN", "DISMISSED", "HIDDEN"]).default("OPEN"),
    cursor: z.string().min(1).max(100).optional(),
  })
  .strict()
  .optional();

/** Reported messages with their text, sender and booking; open ones oldest first. */
export const adminListMessageReports = adminProcedure
  .input(listMessageReportsInput)
  .query(({ ctx, input }) =>
    listMessageReports(ctx.services, {
      status: input?.status ?? "OPEN",
      cursor: input?.cursor,
    }),
  );
