import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { requestDataExport } from "../data-export.ts";

/** Asks for a copy of everything Mentora keeps about the viewer; a job builds it. */
export const requestExport = authedProcedure
  .input(z.object({}).strict().optional())
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx }) => requestDataExport(ctx.services, ctx.user.id));
