import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../../trpc/pagination.ts";
import { endpointOutput, toEndpointOutput } from "../../endpoint-output.ts";

export const adminListEndpointsInput = z
  .object({
    scope: z.enum(["PLATFORM", "MENTOR"]).optional(),
    enabled: z.boolean().optional(),
    /** Part of the URL. */
    url: z.string().trim().max(200).optional(),
    ...pageInput(),
  })
  .strict();

const adminEndpointRow = endpointOutput.extend({
  ownerName: z.string().nullable(),
  failedDeliveries: z.number().int(),
});

/** Every webhook endpoint (platform and mentors'), newest first, with filters. */
export const adminListEndpoints = adminProcedure
  .input(adminListEndpointsInput)
  .output(pageOutput(adminEndpointRow))
  .query(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    const rows = await prisma.webhookEndpoint.findMany({
      where: {
        scope: input.scope,
        enabled: input.enabled,
        ...(input.url ? { url: { contains: input.url, mode: "insensitive" as const } } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
    });
    const page = cursorPage(rows, input.limit);
    const ids = page.items.map((row) => row.id);
    const [owners, failures] = await Promise.all([
      prisma.user.findMany({
        where: { id: { in: page.items.map((row) => row.ownerId) } },
        select: { id: true, name: true },
      }),
      prisma.webhookDelivery.groupBy({
        by: ["endpointId"],
        where: { endpointId: { in: ids }, status: "FAILED" },
        _count: { _all: true },
      }),
    ]);
    const names = new Map(owners.map((owner) => [owner.id, owner.name]));
    const failed = new Map(failures.map((row) => [row.endpointId, row._count._all]));
    return {
      ...page,
      items: page.items.map((row) => ({
        ...toEndpointOutput(row),
        ownerName: names.get(row.ownerId) ?? null,
        failedDeliveries: failed.get(row.id) ?? 0,
      })),
    };
  });
