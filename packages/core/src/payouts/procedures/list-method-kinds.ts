import { z } from "zod";
import { payoutMethodKinds } from "../../contracts/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { payoutMethodKind } from "../payout-output.ts";

/** The payout methods a mentor may choose here: the sandbox only outside production. */
export const payoutMethodKindsOnOffer = mentorProcedure
  .output(z.array(payoutMethodKind))
  .query(({ ctx }) =>
    payoutMethodKinds.filter(
      (kind) => kind !== "SANDBOX" || ctx.services.config.app.env !== "production",
    ),
  );
