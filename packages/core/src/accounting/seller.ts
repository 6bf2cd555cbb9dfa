import type { Config } from "../config/index.ts";

/** The seller's SIREN for the FEC's file name: configured, or the first nine digits of the SIRET. */
export function sellerSiren(config: Pick<Config, "invoices">): string {
  const seller = config.invoices.seller;
  const digits = (value: unknown) => (typeof value === "string" ? value.replace(/\D/g, "") : "");
  const siren = digits(seller.siren) || digits(seller.siret).slice(0, 9);
  return siren || "000000000";
}
