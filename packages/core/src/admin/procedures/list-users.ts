import { z } from "zod";
import { adminProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";

export const listUsersInput = z
  .object({
    search: z.string().trim().max(200).optional(),
    role: z.enum(["MENTEE", "MENTOR", "ADMIN"]).optional(),
    ...pageInput(),
  })
  .strict();

const userRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  role: z.enum(["MENTEE", "MENTOR", "ADMIN"]),
  createdAt: z.date(),
});

export const listUsersOutput = pageOutput(userRow);

/** Every user, newest first, with cursor pagination (stable under inserts). */
export const listUsers = adminProcedure
  .input(listUsersInput)
  .output(listUsersOutput)
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.user.findMany({
      where: {
        role: input.role,
        ...(input.search
          ? {
              OR: [
                { email: { contains: input.search, mode: "insensitive" } },
                { name: { contains: input.search, mode: "insensitive" } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
      select: {
        id: true,
        name: true,
        email: true,
        emailVerified: true,
        role: true,
        createdAt: true,
      },
    });
    return cursorPage(rows, input.limit);
  });
