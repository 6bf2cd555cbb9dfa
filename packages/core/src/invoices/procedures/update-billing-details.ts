import { z } from "zod";
import { isValidSiren, isValidSiret, normalizeCompanyId } from "../../contracts/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { billingDetailsOutput, pick } from "../billing-details.ts";

const text = (max: number) => z.string().trim().max(max);
const companyId = z.string().max(40).transform(normalizeCompanyId);

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
    /** French company (BT-47): 9 digits with their Luhn check; spaces and dots are dropped. */
    siren: companyId.refine(isValidSiren, "Not a valid SIREN (9 digits)").nullish(),
    /** French establishment: 14 digits with their Luhn check, starting with the SIREN. */
    siret: companyId.refine(isValidSiret, "Not a valid SIRET (14 digits)").nullish(),
  })
  .strict()
  .superRefine((input, issues) => {
    // Invoices to a business above 150 EUR must carry its VAT number.
    if (input.isBusiness && !input.vatNumber) {
      issues.addIssue({
        code: "custom",
        path: ["vatNumber"],
        message: "A business buyer needs a VAT number",
      });
    }
    if ((input.siren || input.siret) && !input.isBusiness) {
      issues.addIssue({
        code: "custom",
        path: [input.siren ? "siren" : "siret"],
        message: "SIREN and SIRET are for a business buyer",
      });
    }
    if (input.siren && input.siret && !input.siret.startsWith(input.siren)) {
      issues.addIssue({
        code: "custom",
        path: ["siret"],
        message: "The SIRET must start with the SIREN",
      });
    }
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
      // A SIRET alone names its company too: its first nine digits are the SIREN.
      siren: input.siren || input.siret?.slice(0, 9) || null,
      siret: input.siret || null,
    };
    const row = await ctx.services.prisma.billingDetails.upsert({
      where: { userId: ctx.user.id },
      create: { userId: ctx.user.id, ...data },
      update: data,
    });
    return pick(row);
  });
