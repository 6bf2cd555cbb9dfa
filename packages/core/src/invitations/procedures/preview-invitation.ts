import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { offeringKindSchema } from "../../offerings/index.ts";
import { publicProcedure } from "../../trpc/init.ts";
import { invitationStatus } from "../invitation-output.ts";
import { hashInvitationToken } from "../token.ts";

export const previewInvitationInput = z.object({ token: z.string().min(10).max(200) }).strict();

export const previewInvitationOutput = z.object({
  offering: z.object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    kind: offeringKindSchema,
    capacity: z.number().int(),
    /** The option the invitation is for (one duration); a private price replaces its price. */
    options: z.array(
      z.object({
        id: z.string(),
        durationMinutes: z.number().int(),
        priceMinor: z.number().int(),
        currency: z.string(),
      }),
    ),
  }),
  mentor: z.object({ id: z.string(), name: z.string(), avatarVersion: z.string().nullable() }),
  privatePrice: z.object({ priceMinor: z.number().int(), currency: z.string() }).nullable(),
  expiresAt: z.date(),
  /** True when only one email address may use it (which is not disclosed). */
  forSpecificEmail: z.boolean(),
});

/**
 * What an invitation link offers, for anyone holding the token. Unknown, expired or revoked:
 * INVITATION_INVALID (the same answer, so a token's history is not disclosed). Using it is the
 * booking hold's job, which also enforces one use per invitee.
 */
export const preview = publicProcedure
  .input(previewInvitationInput)
  .output(previewInvitationOutput)
  .query(async ({ ctx, input }) => {
    const invitation = await ctx.services.prisma.invitation.findUnique({
      where: { tokenHash: hashInvitationToken(input.token) },
      include: {
        offering: {
          include: {
            options: { where: { archivedAt: null }, orderBy: { durationMinutes: "asc" } },
            mentor: { select: { id: true, name: true, avatarVersion: true } },
          },
        },
      },
    });
    if (!invitation || invitationStatus(invitation, new Date()) !== "active") {
      throw appError("INVITATION_INVALID");
    }
    const { offering } = invitation;
    if (offering.status !== "ACTIVE") throw appError("OFFERING_UNAVAILABLE");
    return {
      offering: {
        id: offering.id,
        title: offering.title,
        description: offering.description,
        kind: offering.kind,
        capacity: offering.capacity,
        options: offering.options
          .filter((option) => option.durationMinutes === invitation.durationMinutes)
          .map((option) => ({
            id: option.id,
            durationMinutes: option.durationMinutes,
            priceMinor: option.priceMinor,
            currency: option.currency,
          })),
      },
      mentor: offering.mentor,
      privatePrice:
        invitation.priceMinor === null
          ? null
          : {
              priceMinor: invitation.priceMinor,
              currency: invitation.currency ?? offering.options[0]?.currency ?? "",
            },
      expiresAt: invitation.expiresAt,
      forSpecificEmail: invitation.email !== null,
    };
  });
