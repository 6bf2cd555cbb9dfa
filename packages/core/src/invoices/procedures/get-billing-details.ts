import { authedProcedure } from "../../trpc/init.ts";
import { billingDetailsOutput, pick } from "../billing-details.ts";

const empty = {
  name: null,
  addressLines: [],
  country: null,
  vatNumber: null,
  isBusiness: false,
  siren: null,
  siret: null,
};

/** The caller's billing details (printed on invoices issued from now on). */
export const getBillingDetails = authedProcedure
  .output(billingDetailsOutput)
  .query(async ({ ctx }) => {
    const row = await ctx.services.prisma.billingDetails.findUnique({
      where: { userId: ctx.user.id },
    });
    return row ? pick(row) : empty;
  });
