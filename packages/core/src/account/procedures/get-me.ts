import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";

export const meOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  image: z.string().nullable(),
  role: z.enum(["MENTEE", "MENTOR", "ADMIN"]),
  locale: z.string().nullable(),
  timezone: z.string().nullable(),
  createdAt: z.date(),
});

/** The signed-in user's own account, read fresh from the database. */
export const me = authedProcedure.output(meOutput).query(async ({ ctx }) => {
  const user = await ctx.services.prisma.user.findUnique({ where: { id: ctx.user.id } });
  if (!user) throw appError("UNAUTHORIZED");
  return meOutput.parse(user);
});
