import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { priceMinorSchema } from "../currency.ts";
import { offeringOutput, toOfferingOutput } from "../offering-output.ts";
import { recordOfferingsChanged } from "../offerings-changed.ts";
import {
  checkOptionSet,
  groupCapacitySchema,
  maxLiveOptions,
  offeringDescriptionSchema,
  offeringTitleSchema,
  optionInput,
} from "../option-input.ts";
import { updateOffering } from "../update-offering.ts";

const id = z.string().min(1).max(100);

export const updateOfferingInput = z
  .object({
    offeringId: id,
    title: offeringTitleSchema.optional(),
    description: offeringDescriptionSchema.optional(),
    /** Group offerings only; applies to the sessions still ahead too. */
    capacity: groupCapacitySchema.optional(),
    addOptions: z.array(optionInput).max(maxLiveOptions).optional(),
    prices: z
      .array(z.object({ optionId: id, priceMinor: priceMinorSchema }).strict())
      .max(20)
      .optional(),
    archiveOptionIds: z.array(id).max(20).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    checkOptionSet(input.addOptions ?? [], ctx, "addOptions");
    const priced = (input.prices ?? []).map((price) => price.optionId);
    if (new Set(priced).size !== priced.length) {
      ctx.addIssue({ code: "custom", path: ["prices"], message: "One price per option" });
    }
    const archived = input.archiveOptionIds ?? [];
    if (new Set(archived).size !== archived.length) {
      ctx.addIssue({ code: "custom", path: ["archiveOptionIds"], message: "Listed twice" });
    }
    if (archived.some((optionId) => priced.includes(optionId))) {
      ctx.addIssue({
        code: "custom",
        path: ["archiveOptionIds"],
        message: "An option cannot be repriced and archived at once",
      });
    }
  });

/**
 * Edits the mentor's own offering: texts, group capacity, and options (add a duration, change a
 * price, archive one). Bookings already made keep their price.
 */
export const update = mentorProcedure
  .input(updateOfferingInput)
  .output(offeringOutput)
  .mutation(async ({ ctx, input }) =>
    toOfferingOutput(
      await updateOffering(
        ctx.services.prisma,
        { ...input, mentorId: ctx.user.id },
        new Date(),
        // The offering's text is public profile text: moderation checks it (issue #16).
        input.title !== undefined || input.description !== undefined
          ? (tx) => recordOfferingsChanged(ctx.services, tx, ctx.user.id)
          : undefined,
      ),
    ),
  );
