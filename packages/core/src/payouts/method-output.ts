/** The payout method as the mentor sees it (getMethod and setMethod answer the same). */
import { z } from "zod";
import { methodFromRow, payoutMethodInput } from "./method.ts";

export const methodOutput = z
  .object({
    method: payoutMethodInput,
    updatedAt: z.date(),
    /** When this destination was set. */
    setAt: z.date(),
    /** Until then no payout can be requested (after a change); null: none. */
    cooldownUntil: z.date().nullable(),
  })
  .nullable();

export const methodOutputOf = (row: {
  kind: string;
  destination: unknown;
  updatedAt: Date;
  setAt: Date;
  cooldownUntil: Date | null;
}) => ({
  method: methodFromRow(row),
  updatedAt: row.updatedAt,
  setAt: row.setAt,
  cooldownUntil: row.cooldownUntil,
});
