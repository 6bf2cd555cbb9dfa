import { getOutboxEmail } from "@mentora/email";
import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { devOnlyProcedure, outboxEmail } from "../dev-only.ts";

export const getOutboxEmailById = devOnlyProcedure
  .input(z.object({ id: z.string().max(100) }).strict())
  .output(outboxEmail)
  .query(async ({ ctx, input }) => {
    const email = await getOutboxEmail(ctx.services.prisma, input.id);
    if (!email) throw appError("NOT_FOUND");
    return email;
  });
