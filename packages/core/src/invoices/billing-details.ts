import { z } from "zod";

export const billingDetailsOutput = z.object({
  name: z.string().nullable(),
  addressLines: z.array(z.string()),
  country: z.string().nullable(),
  vatNumber: z.string().nullable(),
  isBusiness: z.boolean(),
  siren: z.string().nullable(),
  siret: z.string().nullable(),
});

/** Only the fields the output shows (the row has more). */
export function pick(row: z.output<typeof billingDetailsOutput>) {
  return {
    name: row.name,
    addressLines: row.addressLines,
    country: row.country,
    vatNumber: row.vatNumber,
    isBusiness: row.isBusiness,
    siren: row.siren,
    siret: row.siret,
  };
}
