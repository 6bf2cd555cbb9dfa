import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import {
  offeringInclude,
  offeringKindSchema,
  offeringOutput,
  toOfferingOutput,
} from "../offering-output.ts";
import { recordOfferingsChanged } from "../offerings-changed.ts";
import {
  checkOptionSet,
  groupCapacitySchema,
  maxLiveOptions,
  offeringDescriptionSchema,
  offeringTitleSchema,
  optionInput,
} from "../option-input.ts";

export const createOfferingInput = z
  .object({
    title: offeringTitleSchema,
    description: offeringDescriptionSchema.default(""),
    kind: offeringKindSchema,
    /** Required (2–49) for a group; absent or 1 for one-to-one. */
    capacity: z.number().int().optional(),
    options: z.array(optionInput).min(1).max(maxLiveOptions),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind === "GROUP") {
      if (input.capacity === undefined) {
        ctx.addIssue({ code: "custom", path: ["capacity"], message: "A group needs a capacity" });
      } else if (!groupCapacitySchema.safeParse(input.capacity).success) {
        ctx.addIssue({
          code: "custom",
          path: ["capacity"],
          message: "A group takes 2 to 50 participants",
        });
      }
    } else if (input.capacity !== undefined && input.capacity !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["capacity"],
        message: "A one-to-one offering has a capacity of 1",
      });
    }
    checkOptionSet(input.options, ctx, "options");
  });

/** A new offering with its durations and prices, active at once. */
export const create = mentorProcedure
  .input(createOfferingInput)
  .output(offeringOutput)
  .mutation(async ({ ctx, input }) => {
    const offering = await ctx.services.prisma.$transaction(async (tx) => {
      const created = await tx.offering.create({
        data: {
          mentorId: ctx.user.id,
          title: input.title,
          description: input.description,
          kind: input.kind,
          capacity: input.kind === "GROUP" ? (input.capacity ?? 2) : 1,
          options: { create: input.options },
        },
        include: offeringInclude,
      });
      // The offering's text is public profile text: moderation checks it (issue #16).
      await recordOfferingsChanged(ctx.services, tx, ctx.user.id);
      return created;
    });
    return toOfferingOutput(offering);
  });
