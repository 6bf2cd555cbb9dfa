import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { billingDetailsOutput, pick } from "../billing-details.ts";

const text = (max: number) => z.string().trim().max(max);

export const updateBillingDetailsInput = z
  .object({
    /** Printed instead of the profile name (a company name); empty = the profile name. */
    name: text(200).nullable(),
    addressLines: z.array(text(200)).max(5),
    /** ISO 3166-1 alpha-2, e.g. "FR". */
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    vatNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4,20}$/)
      .nullable(),
    isBusiness: z.boolean(),
  })
  .strict()
  // Invoices to a business above 150 EUR must carry its VAT number.
  .refine((input) => !input.isBusiness || Boolean(input.vatNumber), {
    path: ["vatNumber"],
    message: "A business buyer needs a VAT number",
  });

/**
 * Replaces the caller's billing details. Invoices already issued keep the details copied into
 * their snapshot: only later invoices show the change.
 */
export const updateBillingDetails = authedProcedure
  .input(updateBillingDetailsInput)
  .output(billingDetailsOutput)
  .mutation(async ({ ctx, input }) => {
    const data = {
      name: input.name || null,
      addressLines: input.addressLines.filter((line) => line !== ""),
      country: input.country || null,
      vatNumber: input.vatNumber || null,
      isBusiness: input.isBusiness,
    };
    const row = await ctx.services.prisma.billingDetails.upsert({
      where: { userId: ctx.user.id },
      create: { userId: ctx.user.id, ...data },
      update: data,
    });
    return pick(row);
  });
