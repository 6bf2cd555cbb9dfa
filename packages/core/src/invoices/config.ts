import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString } from "../config/slice.ts";

/** Development stand-ins for the seller: visibly fake, so no demo invoice passes for real. */
const demoSeller = {
  legalName: "DEMO Mentora Exemple SAS (not a real company)",
  legalForm: "SAS",
  addressLines: ["1 rue de la Démo", "75000 Paris", "France"],
  siren: "000 000 000",
  siret: "000 000 000 00000",
  rcs: "RCS Démo 000 000 000",
  shareCapital: "1 000 €",
  vatNumber: "FR00000000000",
  email: "billing@mentora.localhost",
};

/** The legal mention a VAT-exempt seller (franchise en base) prints instead of any VAT. */
export const VAT_EXEMPTION_MENTION = "TVA non applicable, art. 293 B du CGI";

/** Invoices: the seller printed on every invoice and credit note (required in production). */
export const invoicesConfig = defineConfigSlice({
  env: {
    INVOICE_SELLER_LEGAL_NAME: optionalString,
    INVOICE_SELLER_LEGAL_FORM: optionalString,
    INVOICE_SELLER_ADDRESS: optionalString,
    INVOICE_SELLER_SIREN: optionalString,
    INVOICE_SELLER_SIRET: optionalString,
    INVOICE_SELLER_RCS: optionalString,
    INVOICE_SELLER_SHARE_CAPITAL: optionalString,
    INVOICE_SELLER_VAT_NUMBER: optionalString,
    INVOICE_SELLER_EMAIL: optionalString,
    INVOICE_VAT_RATE_BASIS_POINTS: z.coerce.number().int().min(0).max(10_000).default(2000),
    INVOICE_VAT_EXEMPT: z.stringbool().default(false),
    INVOICE_LOCALE: z.enum(["en", "fr"]).default("fr"),
    // Jobs (decision 054): render threads of a worker; unset: os.availableParallelism(), 0: in-process.
    INVOICE_RENDER_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  },
  check(env, ctx, { production }) {
    if (!production) return;
    // An invoice without these is not a legal invoice: refuse to start rather than issue one.
    const required: (keyof typeof env)[] = [
      "INVOICE_SELLER_LEGAL_NAME",
      "INVOICE_SELLER_LEGAL_FORM",
      "INVOICE_SELLER_ADDRESS",
      ...(env.INVOICE_VAT_EXEMPT ? [] : (["INVOICE_SELLER_VAT_NUMBER"] as const)),
    ];
    for (const name of required) {
      if (!env[name]) configProblem(ctx, name, "is required in production");
    }
    if (!env.INVOICE_SELLER_SIREN && !env.INVOICE_SELLER_SIRET) {
      configProblem(
        ctx,
        "INVOICE_SELLER_SIREN",
        "is required in production (or INVOICE_SELLER_SIRET)",
      );
    }
  },
  section(env, { production }) {
    // Outside production, unset seller fields fall back to the demo seller as a whole, so a
    // development invoice is never half real.
    const configured = Boolean(env.INVOICE_SELLER_LEGAL_NAME);
    const pick = <K extends keyof typeof demoSeller>(value: string | undefined, key: K) =>
      value ?? (configured || production ? undefined : demoSeller[key]);
    const seller = {
      legalName: env.INVOICE_SELLER_LEGAL_NAME ?? demoSeller.legalName,
      legalForm: pick(env.INVOICE_SELLER_LEGAL_FORM, "legalForm"),
      addressLines: env.INVOICE_SELLER_ADDRESS
        ? env.INVOICE_SELLER_ADDRESS.split("|")
            .map((line) => line.trim())
            .filter(Boolean)
        : demoSeller.addressLines,
      siren: pick(env.INVOICE_SELLER_SIREN, "siren"),
      siret: pick(env.INVOICE_SELLER_SIRET, "siret"),
      rcs: pick(env.INVOICE_SELLER_RCS, "rcs"),
      shareCapital: pick(env.INVOICE_SELLER_SHARE_CAPITAL, "shareCapital"),
      vatNumber: env.INVOICE_VAT_EXEMPT
        ? env.INVOICE_SELLER_VAT_NUMBER
        : pick(env.INVOICE_SELLER_VAT_NUMBER, "vatNumber"),
      email: pick(env.INVOICE_SELLER_EMAIL, "email"),
    };
    return {
      seller,
      vatRateBasisPoints: env.INVOICE_VAT_EXEMPT ? 0 : env.INVOICE_VAT_RATE_BASIS_POINTS,
      vatExemptionMention: env.INVOICE_VAT_EXEMPT ? VAT_EXEMPTION_MENTION : undefined,
      locale: env.INVOICE_LOCALE,
      /** Undefined: one per core (os.availableParallelism()); 0 renders on the event loop. */
      renderThreads: env.INVOICE_RENDER_THREADS,
    };
  },
});
