import type { Prisma } from "@mentora/db";
import { z } from "zod";

export const offeringKindSchema = z.enum(["ONE_TO_ONE", "GROUP"]);

export const offeringOptionOutput = z.object({
  id: z.string(),
  durationMinutes: z.number().int(),
  priceMinor: z.number().int(),
  currency: z.string(),
  /** Set when the option is no longer sold; sessions made with it keep pointing at it. */
  archivedAt: z.date().nullable(),
});

export const offeringOutput = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: offeringKindSchema,
  capacity: z.number().int(),
  status: z.enum(["ACTIVE", "ARCHIVED"]),
  /** The one currency of every option of the offering. */
  currency: z.string(),
  options: z.array(offeringOptionOutput),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type OfferingOutput = z.output<typeof offeringOutput>;

/** Options by duration, archived ones included (the list shows them greyed out). */
export const offeringInclude = {
  options: { orderBy: { durationMinutes: "asc" } },
} satisfies Prisma.OfferingInclude;

export type OfferingWithOptions = Prisma.OfferingGetPayload<{ include: typeof offeringInclude }>;

export function toOfferingOutput(offering: OfferingWithOptions): OfferingOutput {
  return {
    id: offering.id,
    title: offering.title,
    description: offering.description,
    kind: offering.kind,
    capacity: offering.capacity,
    status: offering.status,
    currency: offering.options[0]?.currency ?? "",
    options: offering.options.map((option) => ({
      id: option.id,
      durationMinutes: option.durationMinutes,
      priceMinor: option.priceMinor,
      currency: option.currency,
      archivedAt: option.archivedAt,
    })),
    createdAt: offering.createdAt,
    updatedAt: offering.updatedAt,
  };
}
