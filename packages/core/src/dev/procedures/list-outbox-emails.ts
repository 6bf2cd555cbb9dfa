import { listOutbox } from "@mentora/email";
import { z } from "zod";
import { devOnlyProcedure, outboxEmail } from "../dev-only.ts";

export const listOutboxEmails = devOnlyProcedure
  .input(
    z
      .object({ to: z.string().max(320).optional() })
      .strict()
      .optional(),
  )
  .output(z.array(outboxEmail))
  .query(({ ctx, input }) => listOutbox(ctx.services.prisma, { to: input?.to, limit: 100 }));
