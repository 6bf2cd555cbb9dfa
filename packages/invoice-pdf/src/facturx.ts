// The Factur-X 1.09 EN 16931 XML of an invoice or credit note: a UN/CEFACT Cross Industry Invoice
// (CII D16B) built with xmlbuilder2 from the same frozen snapshot the PDF is rendered from, so the
// data an accountant's software reads is the data printed. Pure: no I/O, same document → same text.
//
// Mapping choices (decision 038): SIREN is the legal registration (BT-30/BT-47, ICD 0002), SIRET
// the party's global identifier (ICD 0009); a VAT-exempt seller (art. 293 B du CGI) uses category
// E with VATEX-FR-FRANCHISE and its SIREN as tax registration (BT-32, scheme FC) when it has no
// VAT number; a paid document has its whole total as paid amount (BT-113) and nothing due.
// The library without its Node entry, which requires every locale by a computed path that the
// web app's SSR bundle cannot follow (the server then fails to start); en and fr are registered below.
import countries from "i18n-iso-countries/index.js";
import countriesEn from "i18n-iso-countries/langs/en.json" with { type: "json" };
import countriesFr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import { create } from "xmlbuilder2";
import {
  type Buyer,
  facturXAmountDecimals,
  type InvoiceDocument,
  type InvoiceLine,
  type PaymentStatus,
  type Seller,
} from "./document.ts";
import { formatDate } from "./format.ts";
import { LABELS } from "./labels.ts";

countries.registerLocale(countriesEn);
countries.registerLocale(countriesFr);

export const FACTURX_FILENAME = "factur-x.xml";
export const FACTURX_VERSION = "1.0";
export const FACTURX_CONFORMANCE = "EN 16931";
/** BT-24: the Factur-X EN 16931 profile is the EN 16931 core specification itself. */
export const EN16931_GUIDELINE = "urn:cen.eu:en16931:2017";

const NS = {
  rsm: "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
  qdt: "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
  ram: "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
  udt: "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
} as const;

/** A document the XML cannot describe (a payout statement is not a sale). */
export { EN16931_MAX_DECIMALS, facturXRepresentable } from "./document.ts";

export class FacturXError extends Error {
  override name = "FacturXError";
}

// xmlbuilder2's object form: keys are element names, "@x" attributes, "#" text; undefined is
// dropped (optional business terms), arrays repeat an element.
type XmlNode = { [key: string]: XmlValue };
type XmlValue = string | XmlNode | XmlNode[] | undefined;

function prune(node: XmlNode): XmlNode {
  const out: XmlNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) out[key] = value.map(prune);
    else out[key] = typeof value === "object" ? prune(value) : value;
  }
  return out;
}

/** Minor units → a decimal string with `decimals` digits, in integer arithmetic. */
function decimal(minor: number | bigint, exponent: number, decimals: number): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  // Drop the trailing zeros of a TND amount written with two decimals (checked exact above).
  const scaled = abs / 10n ** BigInt(exponent - Math.min(exponent, decimals));
  const digits = scaled.toString().padStart(decimals + 1, "0");
  const whole = decimals === 0 ? digits : digits.slice(0, -decimals);
  const text = decimals === 0 ? whole : `${whole}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/** 2000 → "20", 550 → "5.5", 210 → "2.1". */
function percent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return fraction === "" ? String(whole) : `${whole}.${fraction}`;
}

/** The calendar date of an ISO string as CII format 102: "2026-03-20T10:15:00Z" → "20260320". */
function date102(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new FacturXError(`not an ISO date: ${iso}`);
  return `${match[1]}${match[2]}${match[3]}`;
}

const udtDate = (iso: string): XmlNode => ({
  "udt:DateTimeString": { "@format": "102", "#": date102(iso) },
});

const digitsOnly = (value: string | undefined) => value?.replace(/\s+/g, "") || undefined;

type Address = { postcode?: string; city?: string; lines: string[]; country: string };

const POSTCODE_TOWN = /^([A-Z]{0,2}-?\d{4,5})\s+(.+)$/;

function countryCode(name: string): string | undefined {
  const trimmed = name.trim();
  if (/^[A-Z]{2}$/.test(trimmed) && countries.isValid(trimmed)) return trimmed;
  return countries.getAlpha2Code(trimmed, "fr") ?? countries.getAlpha2Code(trimmed, "en");
}

/**
 * Free address lines → CII postal address. The last line is the country when it names one
 * (French or English); otherwise the country comes from the VAT number's prefix, else `fallback`.
 * "75011 Paris" gives postcode and town; other lines are street lines (at most three).
 */
function parseAddress(lines: readonly string[], vatNumber: string | undefined, fallback: string) {
  const rest = [...lines];
  const last = rest.at(-1);
  let country = last === undefined ? undefined : countryCode(last);
  if (country) rest.pop();
  const vatPrefix = vatNumber?.slice(0, 2).toUpperCase();
  // Greece's VAT prefix is EL, its ISO code GR.
  const fromVat = vatPrefix === "EL" ? "GR" : vatPrefix;
  if (!country && fromVat && countries.isValid(fromVat)) country = fromVat;
  const address: Address = { lines: [], country: country ?? fallback };
  for (const line of rest) {
    const town = address.city === undefined ? POSTCODE_TOWN.exec(line.trim()) : null;
    if (town) {
      address.postcode = town[1];
      address.city = town[2];
    } else address.lines.push(line.trim());
  }
  if (address.lines.length > 3) {
    // CII has three street lines: keep the last two apart, join the first ones.
    const head = address.lines.slice(0, address.lines.length - 2).join(", ");
    address.lines = [head, ...address.lines.slice(-2)];
  }
  return address;
}

function addressNode(address: Address): XmlNode {
  return {
    "ram:PostcodeCode": address.postcode,
    "ram:LineOne": address.lines[0],
    "ram:LineTwo": address.lines[1],
    "ram:LineThree": address.lines[2],
    "ram:CityName": address.city,
    "ram:CountryID": address.country,
  };
}

const email = (value: string | undefined): XmlNode | undefined =>
  value ? { "ram:URIID": { "@schemeID": "EM", "#": value } } : undefined;

function sellerNode(doc: InvoiceDocument, address: Address): XmlNode {
  const s: Seller = doc.seller;
  const siren = digitsOnly(s.siren) ?? digitsOnly(s.siret)?.slice(0, 9);
  const siret = digitsOnly(s.siret);
  const legalInfo = [s.legalForm, s.shareCapital && `capital ${s.shareCapital}`, s.rcs]
    .filter(Boolean)
    .join(" – ");
  const vatNumber = digitsOnly(s.vatNumber);
  const registrations: XmlNode[] = [];
  if (vatNumber) registrations.push({ "ram:ID": { "@schemeID": "VA", "#": vatNumber } });
  // BR-E-02: an exempt seller without VAT number names its tax registration (BT-32).
  else if (siren) registrations.push({ "ram:ID": { "@schemeID": "FC", "#": siren } });
  return {
    "ram:GlobalID": siret ? { "@schemeID": "0009", "#": siret } : undefined,
    "ram:Name": s.legalName,
    "ram:Description": legalInfo || undefined,
    "ram:SpecifiedLegalOrganization": siren
      ? { "ram:ID": { "@schemeID": "0002", "#": siren } }
      : undefined,
    "ram:PostalTradeAddress": addressNode(address),
    "ram:URIUniversalCommunication": email(s.email),
    "ram:SpecifiedTaxRegistration": registrations.length > 0 ? registrations : undefined,
  };
}

function buyerNode(b: Buyer, address: Address): XmlNode {
  const siret = digitsOnly(b.siret);
  const siren = digitsOnly(b.siren) ?? siret?.slice(0, 9);
  const vatNumber = digitsOnly(b.vatNumber);
  return {
    "ram:GlobalID": siret ? { "@schemeID": "0009", "#": siret } : undefined,
    "ram:Name": b.name,
    "ram:SpecifiedLegalOrganization": siren
      ? { "ram:ID": { "@schemeID": "0002", "#": siren } }
      : undefined,
    "ram:PostalTradeAddress": addressNode(address),
    "ram:URIUniversalCommunication": email(b.email),
    "ram:SpecifiedTaxRegistration": vatNumber
      ? { "ram:ID": { "@schemeID": "VA", "#": vatNumber } }
      : undefined,
  };
}

/** VAT category of a rate on this document (UNTDID 5305). */
type Category = { code: "S" | "Z" | "E"; percent: string; reason?: string; reasonCode?: string };

function categoryOf(doc: InvoiceDocument, rateBasisPoints: number): Category {
  if (doc.vatExemptionMention !== undefined) {
    return {
      code: "E",
      percent: "0",
      reason: doc.vatExemptionMention,
      reasonCode: "VATEX-FR-FRANCHISE",
    };
  }
  return rateBasisPoints === 0
    ? { code: "Z", percent: "0" }
    : { code: "S", percent: percent(rateBasisPoints) };
}

const PAID: readonly PaymentStatus[] = ["paid", "refunded", "partially_refunded"];

/** UNTDID 4461: 48 bank card; anything else "mutually defined" with the method as text. */
function paymentMeansCode(method: string): string {
  return /\b(card|carte|visa|mastercard|cb)\b/i.test(method) ? "48" : "ZZZ";
}

/**
 * The payment mentions of French law as notes (BG-1) with their UNTDID 4451 subject codes, as
 * the French reform asks (BR-FR-05): AAB early-payment discount; for a business buyer (the
 * only one they apply to, and the only one the PDF prints them for) PMD late-payment penalty
 * and PMT the fixed recovery fee.
 */
function paymentNotes(doc: InvoiceDocument): XmlNode[] {
  const t = LABELS[doc.locale];
  const terms = doc.paymentTerms;
  const colon = doc.locale === "fr" ? "\u00a0: " : ": ";
  const notes: XmlNode[] = [
    {
      "ram:Content": `${t.earlyPaymentDiscount}${colon}${terms?.earlyPaymentDiscount ?? t.none}`,
      "ram:SubjectCode": "AAB",
    },
  ];
  if (doc.buyer.isBusiness) {
    notes.push({
      "ram:Content": `${t.latePaymentPenalty}${colon}${terms?.latePaymentPenalty ?? t.defaultLatePenalty}`,
      "ram:SubjectCode": "PMD",
    });
    notes.push({
      "ram:Content": t.recoveryFee(doc.locale === "fr" ? "40\u00a0€" : "€40"),
      "ram:SubjectCode": "PMT",
    });
  }
  return notes;
}

/** BT-20: the due date as printed, in the document's language. */
function termsDescription(doc: InvoiceDocument): string {
  const t = LABELS[doc.locale];
  const due = doc.paymentTerms?.dueDate ?? doc.issuedAt;
  const colon = doc.locale === "fr" ? "\u00a0: " : ": ";
  return `${t.dueDate}${colon}${formatDate(due, doc.locale)}`;
}

function lineNode(
  doc: InvoiceDocument,
  line: InvoiceLine,
  index: number,
  amount: (minor: number | bigint) => string,
): XmlNode {
  const category = categoryOf(doc, line.vatRateBasisPoints);
  const discount = line.discountMinor ?? 0;
  const t = LABELS[doc.locale];
  return {
    "ram:AssociatedDocumentLineDocument": { "ram:LineID": String(index + 1) },
    "ram:SpecifiedTradeProduct": { "ram:Name": line.description },
    "ram:SpecifiedLineTradeAgreement": {
      "ram:NetPriceProductTradePrice": { "ram:ChargeAmount": amount(line.unitPriceMinor) },
    },
    "ram:SpecifiedLineTradeDelivery": {
      // C62: "one" (a unit without dimension: a session, a review).
      "ram:BilledQuantity": { "@unitCode": "C62", "#": String(line.quantity) },
    },
    "ram:SpecifiedLineTradeSettlement": {
      "ram:ApplicableTradeTax": {
        "ram:TypeCode": "VAT",
        "ram:CategoryCode": category.code,
        "ram:RateApplicablePercent": category.percent,
      },
      "ram:BillingSpecifiedPeriod": line.date
        ? {
            "ram:StartDateTime": udtDate(line.date),
            "ram:EndDateTime": udtDate(line.date),
          }
        : undefined,
      "ram:SpecifiedTradeAllowanceCharge":
        discount === 0
          ? undefined
          : {
              "ram:ChargeIndicator": { "udt:Indicator": "false" },
              "ram:ActualAmount": amount(discount),
              // UNTDID 5189 code 95: discount.
              "ram:ReasonCode": "95",
              "ram:Reason": t.discount,
            },
      "ram:SpecifiedTradeSettlementLineMonetarySummation": {
        "ram:LineTotalAmount": amount(line.totalExclMinor),
      },
    },
  };
}

/**
 * The Factur-X (EN 16931 profile) XML of an invoice (type 380) or credit note (381, referencing
 * the invoice it corrects). Amounts use the currency's decimals (see `facturXRepresentable`).
 * Throws FacturXError for a payout statement.
 */
export function buildFacturXml(doc: InvoiceDocument): string {
  if (doc.kind !== "invoice" && doc.kind !== "credit_note") {
    throw new FacturXError(`a ${doc.kind} is not an invoice: no Factur-X`);
  }
  const decimals = facturXAmountDecimals(doc);
  const amount = (minor: number | bigint) => decimal(minor, doc.currencyExponent, decimals);
  const sellerAddress = parseAddress(doc.seller.addressLines, doc.seller.vatNumber, "FR");
  const buyerAddress = parseAddress(
    doc.buyer.addressLines ?? [],
    doc.buyer.vatNumber,
    sellerAddress.country,
  );
  const vatTotal = doc.totals.vatByRate.reduce((sum, rate) => sum + BigInt(rate.vatMinor), 0n);
  const paid = PAID.includes(doc.payment.status) ? doc.totals.inclMinor : 0;
  const exempt = doc.vatExemptionMention !== undefined;
  // An exempt document has no VAT entries: one E breakdown over the whole base.
  const breakdown = exempt
    ? [{ rateBasisPoints: 0, baseMinor: doc.totals.exclMinor, vatMinor: 0 }]
    : doc.totals.vatByRate;
  const original = doc.references?.originalInvoiceNumber;
  const originalDate = doc.references?.originalInvoiceDate;

  const tree: XmlNode = {
    "rsm:CrossIndustryInvoice": {
      "@xmlns:rsm": NS.rsm,
      "@xmlns:qdt": NS.qdt,
      "@xmlns:ram": NS.ram,
      "@xmlns:udt": NS.udt,
      "rsm:ExchangedDocumentContext": {
        // BT-23, the French reform's billing framework: S1 services to pay, S2 services already
        // paid (then a due date before the issue date is fine: BR-FR-CO-07).
        "ram:BusinessProcessSpecifiedDocumentContextParameter": {
          "ram:ID": paid > 0 || doc.totals.inclMinor === 0 ? "S2" : "S1",
        },
        "ram:GuidelineSpecifiedDocumentContextParameter": { "ram:ID": EN16931_GUIDELINE },
      },
      "rsm:ExchangedDocument": {
        "ram:ID": doc.number,
        "ram:TypeCode": doc.kind === "credit_note" ? "381" : "380",
        "ram:IssueDateTime": udtDate(doc.issuedAt),
        "ram:IncludedNote": [
          ...(exempt ? [{ "ram:Content": doc.vatExemptionMention, "ram:SubjectCode": "REG" }] : []),
          ...paymentNotes(doc),
        ],
      },
      "rsm:SupplyChainTradeTransaction": {
        "ram:IncludedSupplyChainTradeLineItem": doc.lines.map((line, i) =>
          lineNode(doc, line, i, amount),
        ),
        "ram:ApplicableHeaderTradeAgreement": {
          "ram:BuyerReference": doc.buyer.orderNumber,
          "ram:SellerTradeParty": sellerNode(doc, sellerAddress),
          "ram:BuyerTradeParty": buyerNode(doc.buyer, buyerAddress),
        },
        "ram:ApplicableHeaderTradeDelivery": {
          "ram:ActualDeliverySupplyChainEvent": doc.serviceDate
            ? { "ram:OccurrenceDateTime": udtDate(doc.serviceDate) }
            : undefined,
        },
        "ram:ApplicableHeaderTradeSettlement": {
          "ram:PaymentReference": doc.payment.reference,
          "ram:InvoiceCurrencyCode": doc.currency,
          "ram:SpecifiedTradeSettlementPaymentMeans": {
            "ram:TypeCode": paymentMeansCode(doc.payment.method),
            "ram:Information": doc.payment.method,
          },
          "ram:ApplicableTradeTax": breakdown.map((rate) => {
            const category = categoryOf(doc, rate.rateBasisPoints);
            return {
              "ram:CalculatedAmount": amount(rate.vatMinor),
              "ram:TypeCode": "VAT",
              "ram:ExemptionReason": category.reason,
              "ram:BasisAmount": amount(rate.baseMinor),
              "ram:CategoryCode": category.code,
              "ram:ExemptionReasonCode": category.reasonCode,
              "ram:RateApplicablePercent": category.percent,
            };
          }),
          "ram:SpecifiedTradePaymentTerms": doc.paymentTerms
            ? {
                "ram:Description": termsDescription(doc),
                "ram:DueDateDateTime": udtDate(doc.paymentTerms.dueDate),
              }
            : undefined,
          "ram:SpecifiedTradeSettlementHeaderMonetarySummation": {
            "ram:LineTotalAmount": amount(doc.totals.exclMinor),
            "ram:TaxBasisTotalAmount": amount(doc.totals.exclMinor),
            "ram:TaxTotalAmount": { "@currencyID": doc.currency, "#": amount(vatTotal) },
            "ram:GrandTotalAmount": amount(doc.totals.inclMinor),
            "ram:TotalPrepaidAmount": amount(paid),
            "ram:DuePayableAmount": amount(BigInt(doc.totals.inclMinor) - BigInt(paid)),
          },
          "ram:InvoiceReferencedDocument":
            doc.kind === "credit_note" && original
              ? {
                  "ram:IssuerAssignedID": original,
                  "ram:FormattedIssueDateTime": originalDate
                    ? { "qdt:DateTimeString": { "@format": "102", "#": date102(originalDate) } }
                    : undefined,
                }
              : undefined,
        },
      },
    },
  };
  return create({ version: "1.0", encoding: "UTF-8" }, prune(tree)).end({ prettyPrint: true });
}
