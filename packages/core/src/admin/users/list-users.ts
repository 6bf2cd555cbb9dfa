import { z } from "zod";
import { adminProcedure } from "../../trpc/init.ts";

export const listUsersInput = z
  .object({
    search: z.string().trim().max(200).optional(),
    role: z.enum(["MENTEE", "MENTOR", "ADMIN"]).optional(),
    limit: z.number().int().min(1).max(100).default(25),
    /** The id of the last user of the previous page. */
    cursor: z.string().max(100).optional(),
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

export const listUsersOutput = z.object({
  items: z.array(userRow),
  nextCursor: z.string().nullable(),
});

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
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      select: {
        id: true,
        name: true,
        email: true,
        emailVerified: true,
        role: true,
        createdAt: true,
      },
    });
    const items = rows.slice(0, input.limit);
    return {
      items,
      nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null,
    };
  });
