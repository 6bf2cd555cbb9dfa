// Renders an InvoiceDocument to PDF with @react-pdf/renderer. No JSX: the source runs under
// Node's type stripping, so elements are built with React.createElement (`h`).
import { createRequire } from "node:module";
import layoutDocument from "@react-pdf/layout";
import type { DocumentProps, PageProps, Styles } from "@react-pdf/renderer";
import { Document, Font, Page, pdf, StyleSheet, Text, View } from "@react-pdf/renderer";
import React, { type ReactElement } from "react";
import { assertInvoiceDocument, type InvoiceDocument, RECOVERY_FEE_EUR } from "./document.ts";
import {
  type Borders,
  type DocumentInfo,
  drawBorders,
  drawText,
  type Fonts,
  finish,
  type LaidText,
  layoutText,
  openDocument,
  type Para,
  type PdfKit,
  type TextStyle,
  Unsupported,
} from "./draw.ts";
import { buildFacturXml, FacturXError, facturXRepresentable } from "./facturx.ts";
import { embedFacturX } from "./facturx-pdf.ts";
import { type FontkitFont, keepFontAnswers } from "./fontkit-caches.ts";
import { formatDate, formatMoney, formatRate, NBSP } from "./format.ts";
import { LABELS, type Labels } from "./labels.ts";
import "./pdfkit-fonts.ts";

const h = React.createElement;
type Node = ReturnType<typeof h>;
type Style = Styles[string];

/** Fixed metadata so the same snapshot gives the same bytes. */
export const PDF_PRODUCER = "@mentora/invoice-pdf";
export const PDF_CREATOR = "Mentora";
export const FONT_FAMILY = "DejaVuSans";

const require = createRequire(import.meta.url);
/** Absolute paths of the embedded TTF files, from the dejavu-fonts-ttf package. */
export const FONT_FILES = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
} as const;

Font.register({
  family: FONT_FAMILY,
  fonts: [
    { src: FONT_FILES.regular, fontWeight: 400 },
    { src: FONT_FILES.bold, fontWeight: 700 },
  ],
});
// Never hyphenate: amounts, numbers and legal mentions must come out as written. (This is
// react-pdf's process-wide setting; nothing else in Mentora renders PDFs.)
Font.registerHyphenationCallback((word: string) => [word]);

/** A registered font: react-pdf's FontSource, whose `load` runs `_load` once. */
interface FontSource {
  data: unknown;
  load(): Promise<void>;
  _load(): Promise<void>;
  __mentoraPrepared?: true;
}
const fontSource = (fontWeight: number) =>
  Font.getFont({ fontFamily: FONT_FAMILY, fontWeight }) as unknown as FontSource | undefined;
// Our fonts get their caches and their glyphs' code points (fontkit-caches.ts) as they load,
// whoever loads them first: react-pdf's own render of any document or prepareFonts. What a
// render prints must not depend on what the process rendered before (decision 081). Once per
// source, should this module be evaluated twice over one font store.
for (const fontWeight of [400, 700]) {
  const source = fontSource(fontWeight);
  if (!source || source.__mentoraPrepared) continue;
  const load = source._load.bind(source);
  source._load = async () => {
    await load();
    if (source.data && "layout" in (source.data as object)) {
      keepFontAnswers(source.data as FontkitFont);
    }
  };
  source.__mentoraPrepared = true;
}

let fontsReady: Promise<Fonts> | undefined;
/**
 * Loads the registered fonts once per process (prepared as they load, above); answers the
 * fontkit fonts react-pdf draws with (the direct drawing uses the very same objects).
 */
function prepareFonts(): Promise<Fonts> {
  fontsReady ??= (async () => {
    const loaded: unknown[] = [];
    for (const fontWeight of [400, 700]) {
      const source = fontSource(fontWeight);
      await source?.load();
      if (!source?.data || !("layout" in (source.data as object))) {
        throw new Error(`${FONT_FAMILY} ${fontWeight} did not load`);
      }
      loaded.push(source.data);
    }
    const [regular, bold] = loaded as [Fonts["regular"], Fonts["bold"]];
    return { regular, bold };
  })();
  return fontsReady;
}

const GREY = "#555555";
const LINE = "#bbbbbb";
const styles = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: 9,
    paddingTop: 36,
    paddingHorizontal: 40,
    paddingBottom: 90,
    color: "#111111",
  },
  // No lineHeight anywhere: with a lineHeight on the page react-pdf 4.9 drops the fixed footer
  // that holds a dynamic `render` text (the page number), and on a View it is mis-scaled.
  body: {},
  header: { flexDirection: "row", justifyContent: "space-between", marginBottom: 18 },
  sellerBlock: { width: "55%" },
  titleBlock: { width: "42%", alignItems: "flex-end" },
  title: { fontSize: 18, fontWeight: 700, marginBottom: 4 },
  alignRight: { textAlign: "right" },
  sellerName: { fontWeight: 700, fontSize: 11 },
  smallMuted: { color: GREY, fontSize: 8 },
  bold: { fontWeight: 700 },
  muted: { color: GREY },
  partyBlock: { width: "55%", marginBottom: 16, padding: 8, borderWidth: 0.5, borderColor: LINE },
  sectionTitle: { fontWeight: 700, marginBottom: 3 },
  table: { marginBottom: 12 },
  tableHead: {
    flexDirection: "row",
    borderBottomWidth: 0.75,
    borderBottomColor: "#333333",
    paddingBottom: 3,
    fontWeight: 700,
  },
  tableRow: {
    flexDirection: "row",
    borderBottomWidth: 0.5,
    borderBottomColor: LINE,
    paddingVertical: 3,
  },
  cellDescription: { flex: 4, paddingRight: 6 },
  cellNarrow: { flex: 0.7, textAlign: "right", paddingLeft: 4 },
  cellAmount: { flex: 1.6, textAlign: "right", paddingLeft: 4 },
  summaryRow: { flexDirection: "row", justifyContent: "space-between", marginBottom: 12 },
  vatTable: { width: "46%" },
  totals: { width: "50%" },
  totalLine: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 1.5 },
  grandTotal: {
    flexDirection: "row",
    justifyContent: "space-between",
    borderTopWidth: 0.75,
    borderTopColor: "#333333",
    paddingTop: 3,
    marginTop: 2,
    fontWeight: 700,
  },
  block: { marginBottom: 10 },
  exemption: { fontWeight: 700, marginBottom: 10 },
  footer: {
    position: "absolute",
    bottom: 24,
    left: 40,
    right: 40,
    borderTopWidth: 0.5,
    borderTopColor: LINE,
    paddingTop: 4,
    fontSize: 7,
    color: GREY,
    textAlign: "center",
  },
});

/** "Label: value" on one line; the French typographic rule puts a no-break space before ':'. */
function labelled(doc: InvoiceDocument, label: string, value: string): string {
  return doc.locale === "fr" ? `${label}${NBSP}: ${value}` : `${label}: ${value}`;
}

/** One line of a `textLines` block: plain, or in its own style (bold, muted, smaller). */
type Line = string | { style: Style; text: string };

/**
 * Consecutive lines as ONE Text node. react-pdf lays out and renders every Text node on its own
 * (a yoga node, a text layout, its runs): a block of lines as one node costs a fraction of one
 * node per line and prints the same lines at the same places. Each line break is written in its
 * line's own style, so a smaller line stays as high as it was on its own.
 */
function textLines(style: Style | undefined, lines: Line[]): Node {
  const children: (string | Node)[] = [];
  let plain = "";
  lines.forEach((line, i) => {
    const end = i < lines.length - 1 ? "\n" : "";
    if (typeof line === "string") {
      plain += line + end;
      return;
    }
    if (plain) children.push(plain);
    plain = "";
    children.push(h(Text, { key: i, style: line.style }, line.text + end));
  });
  if (plain) children.push(plain);
  return h(Text, style ? { style } : null, ...children);
}

function sellerIdentity(doc: InvoiceDocument, t: Labels): string[] {
  const s = doc.seller;
  const out: string[] = [];
  if (s.siren) out.push(`${t.siren} ${s.siren}`);
  if (s.siret) out.push(`${t.siret} ${s.siret}`);
  if (s.rcs) out.push(s.rcs);
  if (s.vatNumber) out.push(labelled(doc, t.vatNumber, s.vatNumber));
  return out;
}

function legalFormLine(doc: InvoiceDocument, t: Labels): string | undefined {
  const { legalForm, shareCapital } = doc.seller;
  if (legalForm && shareCapital) return `${legalForm}, ${t.shareCapital} ${shareCapital}`;
  return legalForm;
}

/** The header's two Text blocks: the seller (left) and the number, dates and references (right). */
function headerLines(doc: InvoiceDocument, t: Labels): { left: Line[]; right: Line[] } {
  const s = doc.seller;
  const formLine = legalFormLine(doc, t);
  const right: Line[] = [
    { style: styles.bold, text: `${t.number} ${doc.number}` },
    labelled(doc, t.issuedAt, formatDate(doc.issuedAt, doc.locale)),
  ];
  if (doc.serviceDate) {
    right.push(labelled(doc, t.serviceDate, formatDate(doc.serviceDate, doc.locale)));
  }
  if (doc.payout?.periodStart && doc.payout.periodEnd) {
    const period = `${formatDate(doc.payout.periodStart, doc.locale)} – ${formatDate(doc.payout.periodEnd, doc.locale)}`;
    right.push(labelled(doc, t.servicePeriod, period));
  }
  if (doc.references?.originalInvoiceNumber) {
    right.push({
      style: styles.bold,
      text: t.originalInvoice(doc.references.originalInvoiceNumber),
    });
  }
  if (doc.references?.bookingId) {
    right.push(labelled(doc, t.bookingRef, doc.references.bookingId));
  }
  if (doc.references?.sessionDate && !doc.serviceDate) {
    right.push(labelled(doc, t.serviceDate, formatDate(doc.references.sessionDate, doc.locale)));
  }
  const left: Line[] = [{ style: styles.sellerName, text: s.legalName }];
  if (formLine) left.push(formLine);
  left.push(...s.addressLines);
  for (const line of sellerIdentity(doc, t)) left.push({ style: styles.muted, text: line });
  if (s.email) left.push({ style: styles.muted, text: s.email });
  return { left, right };
}

function header(doc: InvoiceDocument, t: Labels): Node {
  const { left, right } = headerLines(doc, t);
  return h(
    View,
    { style: styles.header },
    textLines(styles.sellerBlock, left),
    h(
      View,
      { style: styles.titleBlock },
      h(Text, { style: styles.title }, t.title[doc.kind]),
      // Right-aligned like the title: each line ends at the block's right edge.
      textLines(styles.alignRight, right),
    ),
  );
}

function buyerLines(doc: InvoiceDocument, t: Labels): Line[] {
  const b = doc.buyer;
  const lines: Line[] = [
    { style: styles.smallMuted, text: doc.kind === "payout_statement" ? t.paidTo : t.billedTo },
    { style: styles.bold, text: b.name },
  ];
  lines.push(...(b.addressLines ?? []));
  if (b.vatNumber) lines.push(labelled(doc, t.vatNumber, b.vatNumber));
  if (b.email) lines.push(b.email);
  if (b.orderNumber) lines.push(labelled(doc, t.orderNumber, b.orderNumber));
  return lines;
}

function buyerBlock(doc: InvoiceDocument, t: Labels): Node {
  return h(View, { style: styles.partyBlock }, textLines(undefined, buyerLines(doc, t)));
}

/** The lines table's columns (cell styles), column heads and cells (each a Text's lines). */
interface TableData {
  columns: Style[];
  head: string[];
  rows: Line[][][];
}

function tableData(doc: InvoiceDocument, t: Labels): TableData {
  const money = (minor: number) =>
    formatMoney(minor, doc.currency, doc.currencyExponent, doc.locale);
  const exempt = doc.vatExemptionMention !== undefined;
  const hasDiscount = doc.lines.some((line) => (line.discountMinor ?? 0) !== 0);
  const columns: Style[] = [styles.cellDescription, styles.cellNarrow, styles.cellAmount];
  const head = [t.description, t.quantity, t.unitPrice];
  if (hasDiscount) {
    columns.push(styles.cellAmount);
    head.push(t.discount);
  }
  if (!exempt) {
    columns.push(styles.cellNarrow);
    head.push(t.vatRate);
  }
  columns.push(styles.cellAmount);
  head.push(t.lineTotal);
  const rows = doc.lines.map((line) => {
    const description: Line[] = [line.description];
    if (line.date)
      description.push({ style: styles.muted, text: formatDate(line.date, doc.locale) });
    const cells: Line[][] = [description, [String(line.quantity)], [money(line.unitPriceMinor)]];
    if (hasDiscount) {
      const discount = line.discountMinor ?? 0;
      cells.push([discount === 0 ? "–" : money(-discount)]);
    }
    if (!exempt) cells.push([formatRate(line.vatRateBasisPoints, doc.locale)]);
    cells.push([money(line.totalExclMinor)]);
    return cells;
  });
  return { columns, head, rows };
}

function linesTable(doc: InvoiceDocument, t: Labels): { head: Node; rows: Node[] } {
  const data = tableData(doc, t);
  const head = data.head.map((label, c) => h(Text, { key: c, style: data.columns[c] }, label));
  const rows = data.rows.map((cells, i) =>
    h(
      View,
      { key: `line${i}`, style: styles.tableRow, wrap: false },
      ...cells.map((lines, c) => textLines(data.columns[c], lines)),
    ),
  );
  return { head: h(View, { style: styles.tableHead, fixed: true }, ...head), rows };
}

/** The lines table holding `rows`, under its column heads (repeated on every page). */
function table(parts: { head: Node; rows: Node[] }, rows = parts.rows): Node {
  return h(View, { style: styles.table }, parts.head, ...rows);
}

function totalLine(key: string, label: string, value: string, strong = false): Node {
  return h(
    View,
    { key, style: strong ? styles.grandTotal : styles.totalLine },
    h(Text, null, label),
    h(Text, null, value),
  );
}

/** Space above the currency line under the totals. */
const CURRENCY_GAP = 3;

interface TotalEntry {
  key: string;
  label: string;
  value: string;
  strong: boolean;
}

/** The totals column: label and amount per line, the last one (strong) the grand total. */
function totalEntries(doc: InvoiceDocument, t: Labels): TotalEntry[] {
  const money = (minor: number) =>
    formatMoney(minor, doc.currency, doc.currencyExponent, doc.locale);
  const exempt = doc.vatExemptionMention !== undefined;
  const entry = (key: string, label: string, value: string, strong = false): TotalEntry => ({
    key,
    label,
    value,
    strong,
  });
  const lines: TotalEntry[] = [];
  if (doc.kind === "payout_statement") {
    const payout = doc.payout;
    lines.push(entry("gross", t.grossEarnings, money(doc.totals.inclMinor)));
    if (payout) {
      lines.push(entry("fee", t.feeDeducted, money(-payout.feeMinor)));
      lines.push(entry("net", t.netPaid, money(payout.netMinor), true));
    }
  } else {
    lines.push(entry("excl", t.totalExcl, money(doc.totals.exclMinor)));
    if (!exempt) {
      const vat = doc.totals.vatByRate.reduce((sum, entry) => sum + BigInt(entry.vatMinor), 0n);
      lines.push(
        entry("vat", t.totalVat, formatMoney(vat, doc.currency, doc.currencyExponent, doc.locale)),
      );
    }
    const inclLabel =
      doc.kind === "credit_note" ? t.totalCredited : exempt ? t.totalExempt : t.totalIncl;
    lines.push(entry("incl", inclLabel, money(doc.totals.inclMinor), true));
  }
  return lines;
}

function summary(doc: InvoiceDocument, t: Labels): Node {
  const money = (minor: number) =>
    formatMoney(minor, doc.currency, doc.currencyExponent, doc.locale);
  const exempt = doc.vatExemptionMention !== undefined;
  let left: Node = h(View, { style: styles.vatTable });
  if (!exempt) {
    left = h(
      View,
      { style: styles.vatTable, wrap: false },
      h(Text, { style: styles.sectionTitle }, t.vatSummary),
      h(
        View,
        { style: styles.tableHead },
        h(Text, { style: styles.cellNarrow }, t.vatRate),
        h(Text, { style: styles.cellAmount }, t.vatBase),
        h(Text, { style: styles.cellAmount }, t.vatAmount),
      ),
      ...doc.totals.vatByRate.map((entry) =>
        h(
          View,
          { key: String(entry.rateBasisPoints), style: styles.tableRow },
          h(Text, { style: styles.cellNarrow }, formatRate(entry.rateBasisPoints, doc.locale)),
          h(Text, { style: styles.cellAmount }, money(entry.baseMinor)),
          h(Text, { style: styles.cellAmount }, money(entry.vatMinor)),
        ),
      ),
    );
  }

  const lines: Node[] = totalEntries(doc, t).map((e) =>
    totalLine(e.key, e.label, e.value, e.strong),
  );
  lines.push(
    h(
      Text,
      { key: "currency", style: [styles.muted, { marginTop: CURRENCY_GAP }] },
      labelled(doc, t.currency, doc.currency),
    ),
  );
  return h(
    View,
    { style: styles.summaryRow, wrap: false },
    left,
    h(View, { style: styles.totals }, ...lines),
  );
}

function paymentLines(doc: InvoiceDocument, t: Labels): string[] {
  const p = doc.payment;
  const parts = [
    labelled(doc, t.payment, t.paymentStatus[p.status]),
    labelled(doc, t.paymentMethod, p.method),
  ];
  if (p.paidAt) parts.push(labelled(doc, t.paidAt, formatDate(p.paidAt, doc.locale)));
  if (p.reference) parts.push(labelled(doc, t.paymentReference, p.reference));
  if (doc.payout) parts.push(labelled(doc, t.transferReference, doc.payout.reference));
  return parts;
}

function paymentBlock(doc: InvoiceDocument, t: Labels): Node {
  return h(
    View,
    { style: styles.block, wrap: false },
    h(Text, { style: styles.sectionTitle }, t.payment),
    textLines(undefined, paymentLines(doc, t)),
  );
}

function termsLines(doc: InvoiceDocument, t: Labels): string[] | null {
  const terms = doc.paymentTerms;
  if (!terms) return null;
  const lines = [
    labelled(doc, t.dueDate, formatDate(terms.dueDate, doc.locale)),
    labelled(doc, t.earlyPaymentDiscount, terms.earlyPaymentDiscount ?? t.none),
  ];
  if (doc.buyer.isBusiness) {
    lines.push(
      labelled(doc, t.latePaymentPenalty, terms.latePaymentPenalty ?? t.defaultLatePenalty),
    );
    const fee = doc.locale === "fr" ? `${RECOVERY_FEE_EUR}${NBSP}€` : `€${RECOVERY_FEE_EUR}`;
    lines.push(t.recoveryFee(fee));
  }
  return lines;
}

function termsBlock(doc: InvoiceDocument, t: Labels): Node | null {
  const lines = termsLines(doc, t);
  if (!lines) return null;
  return h(
    View,
    { style: styles.block, wrap: false },
    h(Text, { style: styles.sectionTitle }, t.paymentTerms),
    textLines(undefined, lines),
  );
}

/** The footer's seller line parts: name, legal form, address, identifiers. */
function footerParts(doc: InvoiceDocument, t: Labels): string[] {
  const s = doc.seller;
  const parts = [s.legalName];
  const formLine = legalFormLine(doc, t);
  if (formLine) parts.push(formLine);
  parts.push(s.addressLines.join(", "));
  parts.push(...sellerIdentity(doc, t));
  return parts;
}

function legalFooter(
  doc: InvoiceDocument,
  t: Labels,
  page: { number: number; total: number } | undefined,
): Node {
  const parts = footerParts(doc, t);
  return h(
    View,
    { style: styles.footer, fixed: true },
    // A dynamic `render` text makes react-pdf lay every page out twice more (once to split it,
    // once to number it), and the whole rest of the document again for every page. When we
    // paginate (see `paginate`), each page's number is plain text.
    page
      ? textLines(undefined, [
          parts.join(" – "),
          `${t.title[doc.kind]} ${doc.number} – ${t.page(page.number, page.total)}`,
        ])
      : h(Text, null, parts.join(" – ")),
    page
      ? null
      : h(Text, {
          render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) =>
            `${t.title[doc.kind]} ${doc.number} – ${t.page(pageNumber, totalPages)}`,
        }),
  );
}

/**
 * What one page holds when we paginate (see `paginate`): the blocks above the table (first page
 * only), the table rows `[from, to)` under the column heads (`null`: no table on this page), and
 * which of the blocks below the table (summary, exemption, payment, terms, in order).
 */
export interface PagePlan {
  lead: boolean;
  rows: [number, number] | null;
  trailing: number[];
}

/** The whole document on one page (what the first pass lays out, and most invoices print). */
function onePagePlan(doc: InvoiceDocument): PagePlan[] {
  const trailing = trailingBlocks(doc, LABELS[doc.locale]).map((_, i) => i);
  return [{ lead: true, rows: [0, doc.lines.length], trailing }];
}

/** The blocks below the lines table, in order; `PagePlan.trailing` indexes this list. */
function trailingBlocks(doc: InvoiceDocument, t: Labels): Node[] {
  const blocks: Node[] = [summary(doc, t)];
  if (doc.vatExemptionMention) {
    blocks.push(h(Text, { style: styles.exemption }, doc.vatExemptionMention));
  }
  blocks.push(paymentBlock(doc, t));
  const terms = termsBlock(doc, t);
  if (terms) blocks.push(terms);
  return blocks;
}

/** The document's metadata (Info dictionary, XMP, language), dated by its issue date. */
function documentInfo(doc: InvoiceDocument): DocumentInfo {
  return {
    title: doc.number,
    author: doc.seller.legalName,
    subject: LABELS[doc.locale].title[doc.kind],
    creator: PDF_CREATOR,
    producer: PDF_PRODUCER,
    language: doc.locale,
    date: new Date(doc.issuedAt),
  };
}

/**
 * The react-pdf element tree of a document (exported for previews and tests). With `pages`
 * (see `paginate`), one react-pdf page per plan, each laid out once (`wrap: false`) and numbered
 * in plain text; `onePage` is the plan of everything on one page. Without either, react-pdf
 * paginates and numbers the pages itself (the reference our pagination is tested against).
 */
export function invoiceElement(
  doc: InvoiceDocument,
  options: { conformance?: "PDF/A-3b"; onePage?: boolean; pages?: PagePlan[] } = {},
): ReactElement<DocumentProps> {
  const t = LABELS[doc.locale];
  const lead = [header(doc, t), buyerBlock(doc, t)];
  const tableParts = linesTable(doc, t);
  const trailing = trailingBlocks(doc, t);
  const info = documentInfo(doc);
  const props: DocumentProps = {
    title: info.title,
    author: info.author,
    subject: info.subject,
    creator: info.creator,
    producer: info.producer,
    language: info.language,
    creationDate: info.date,
    modificationDate: info.date,
  };
  // pdfkit then writes PDF 1.7 with the sRGB OutputIntent (the ICC profile it ships).
  if (options.conformance) props.conformance = options.conformance;
  const plans = options.pages ?? (options.onePage ? onePagePlan(doc) : undefined);
  if (!plans) {
    return h(
      Document,
      props,
      h(
        Page,
        { size: "A4", style: styles.page },
        h(View, { style: styles.body }, ...lead, table(tableParts), ...trailing),
        legalFooter(doc, t, undefined),
      ),
    ) as ReactElement<DocumentProps>;
  }
  // Each page laid out once: `wrap: false` (react-pdf then skips its pagination pass) and at
  // least A4-high so that the footer, placed from the bottom, lands where it does on a page
  // react-pdf splits. The caller checks that every page's content fitted.
  const page: PageProps = {
    size: "A4",
    wrap: false,
    style: [styles.page, { minHeight: A4_HEIGHT }],
  };
  return h(
    Document,
    props,
    ...plans.map((plan, i) =>
      h(
        Page,
        page,
        h(
          View,
          { style: styles.body },
          ...(plan.lead ? lead : []),
          plan.rows ? table(tableParts, tableParts.rows.slice(...plan.rows)) : null,
          ...plan.trailing.map((index) => trailing[index]),
        ),
        legalFooter(doc, t, { number: i + 1, total: plans.length }),
      ),
    ),
  ) as ReactElement<DocumentProps>;
}

/**
 * Lines up to which a document is first rendered as one page; most invoices and credit notes
 * have a handful. Above it, or when that render comes out longer than a page, it is paginated
 * (see `renderPages`).
 */
const ONE_PAGE_LINE_LIMIT = 12;

/** A4's height in points, as react-pdf sizes the page (pdfkit's [595.28, 841.89]). */
const A4_HEIGHT = 841.89;

/** The page count pdfkit writes in the page tree (`/Type /Pages /Count n`, never compressed). */
export function pdfPageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const counts = [...text.matchAll(/\/Type \/Pages\s*\/Count (\d+)/g)];
  if (counts.length !== 1) throw new Error(`expected one page tree, found ${counts.length}`);
  return Number(counts[0]?.[1]);
}

/** The parts of react-pdf's layout we read (its `onRender` data, `@react-pdf/layout`'s result). */
interface Laid {
  type?: string;
  box?: { top?: number; height?: number };
  children?: Laid[];
  /** A Text node's laid-out lines, and its shift in an auto-width box (react-pdf internals). */
  lines?: unknown;
  alignOffset?: number;
}

/** Where a page's content must end: react-pdf's wrap area (page height − bottom padding). */
const PAGE_BOTTOM = A4_HEIGHT - Number(styles.page.paddingBottom);
const PAGE_TOP = Number(styles.page.paddingTop);

/**
 * Splits a document laid out as one tall page (`onePage`: the body at A4 width, every block at
 * its final size) into A4 pages, as react-pdf's own pagination would: a table row (`wrap: false`)
 * or a block below the table whose bottom passes the wrap area moves, whole, to a new page; the
 * column heads (`fixed`) open every page the table runs on. Nothing is laid out again here: a
 * row's height does not depend on its page, so the split comes from the first pass's boxes, and
 * the pages are then rendered once each (linear in pages; react-pdf's own pagination lays the
 * rest of the document out again for every page, so its cost grows with pages²).
 */
export function paginate(doc: InvoiceDocument, laidPage: Laid): PagePlan[] {
  const top = (node: Laid | undefined) => node?.box?.top ?? 0;
  const height = (node: Laid | undefined) => node?.box?.height ?? 0;
  const body = laidPage.children?.[0];
  const blocks = body?.children ?? [];
  const tableNode = blocks[2];
  const rowNodes = tableNode?.children?.slice(1) ?? [];
  const trailingNodes = blocks.slice(3);
  if (rowNodes.length !== doc.lines.length) {
    throw new Error(`laid out ${rowNodes.length} table rows for ${doc.lines.length} lines`);
  }
  const tableTop = top(laidPage) + top(body) + top(tableNode);
  // On a page the table continues on, its first row sits under the column heads.
  const firstRowTop = PAGE_TOP + top(rowNodes[0]);
  const plans: PagePlan[] = [{ lead: true, rows: [0, 0], trailing: [] }];
  let page = plans[0] as PagePlan;
  // Tall-page y minus this page's y, for everything on the current page.
  let shift = 0;
  rowNodes.forEach((row, i) => {
    const y = tableTop + top(row);
    const rows = page.rows as [number, number];
    // react-pdf breaks before a `wrap: false` node whose bottom passes the wrap area (strictly).
    // A row alone on a fresh page stays there, too tall or not (the caller checks every page).
    if (y - shift + height(row) > PAGE_BOTTOM && !(rows[0] === i && !page.lead)) {
      page = { lead: false, rows: [i, i], trailing: [] };
      plans.push(page);
      shift = y - firstRowTop;
    }
    (page.rows as [number, number])[1] = i + 1;
  });
  trailingNodes.forEach((block, i) => {
    const y = top(laidPage) + top(body) + top(block);
    const alone = !page.lead && page.rows === null && page.trailing.length === 0;
    if (y - shift + height(block) > PAGE_BOTTOM && !alone) {
      page = { lead: false, rows: null, trailing: [] };
      plans.push(page);
      shift = y - PAGE_TOP;
    }
    page.trailing.push(i);
  });
  return plans;
}

/** react-pdf's layout of an element alone, without drawing it (the first pass of `paginate`). */
async function layOut(element: ReactElement<DocumentProps>): Promise<Laid> {
  const instance = pdf(element) as unknown as { container: { document: unknown } };
  // What react-pdf's own render does first (its types leave out the font store it passes).
  const lay = layoutDocument as unknown as (doc: unknown, fontStore: unknown) => Promise<Laid>;
  return lay(instance.container.document, Font);
}

/** Every page of a rendered layout came out A4-high (its content fitted the page). */
const pagesFitted = (layout: Laid | undefined) =>
  layout?.children?.every((page) => height(page) <= A4_HEIGHT + 0.001) === true;
const height = (node: Laid | undefined) => node?.box?.height ?? 0;

/**
 * Renders the document's pages. A document of up to 12 lines is first rendered as one page
 * (most fit: one pass); otherwise, or if it came out taller than A4, the one-page layout is
 * split into pages (`paginate`) and each page rendered once, numbered in plain text.
 */
async function renderPages(
  doc: InvoiceDocument,
  options: { conformance?: "PDF/A-3b"; engine?: Engine } = {},
): Promise<{ bytes: Uint8Array }> {
  const fonts = await prepareFonts();
  if (options.engine !== "react-pdf") {
    const drawn = await drawOnePage(doc, fonts, options);
    if (drawn) return { bytes: drawn };
    if (options.engine === "direct") throw new Unsupported("not drawn directly");
  }
  const render = async (element: ReactElement<DocumentProps>, prepare?: (root: Laid) => void) => {
    let layout: Laid | undefined;
    const instance = pdf(
      React.cloneElement(element, {
        onRender: (result: unknown) => {
          layout = (result as { _INTERNAL__LAYOUT__DATA_?: Laid })._INTERNAL__LAYOUT__DATA_;
        },
      }),
    ) as unknown as { container: { document: Laid }; toBuffer(): Promise<NodeJS.ReadableStream> };
    prepare?.(instance.container.document);
    const stream = await instance.toBuffer();
    const buffer = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
      stream.on("error", reject);
    });
    if (!layout) throw new Error("react-pdf did not report its page layout");
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    return { bytes, element, layout };
  };
  const conformance = options.conformance ? { conformance: options.conformance } : {};
  const tall = invoiceElement(doc, { ...conformance, onePage: true });
  let laidPage: Laid | undefined;
  let laidOnly = false;
  if (doc.lines.length <= ONE_PAGE_LINE_LIMIT) {
    const onePage = await render(tall);
    if (pagesFitted(onePage.layout)) return onePage;
    laidPage = onePage.layout.children?.[0];
  } else {
    laidPage = (await layOut(tall)).children?.[0];
    laidOnly = true;
  }
  if (!laidPage) throw new Error("react-pdf laid out no page");
  const plans = paginate(doc, laidPage);
  const paged = await render(
    invoiceElement(doc, { ...conformance, pages: plans }),
    // Text laid out by the first pass but never drawn: the pages reuse it (drawing reads it).
    laidOnly ? reuseTextLayout(plans, laidPage) : undefined,
  );
  if (pagesFitted(paged.layout)) return paged;
  // A row taller than a page: what react-pdf's own pagination makes of it, as before.
  return render(invoiceElement(doc, conformance));
}

/** A Text node's lines, first laid out, and the top-level Text nodes of a subtree, in order. */
function topTexts(node: Laid | undefined, out: Laid[] = []): Laid[] {
  if (!node) return out;
  if (node.type === "TEXT") out.push(node);
  else for (const child of node.children ?? []) topTexts(child, out);
  return out;
}

/**
 * The text of each page as the first pass laid it out (`layOut`). A block's text layout
 * depends only on the block and its width, and every block of a page sits at the width it had
 * on the tall page (rows, column heads, blocks above and below the table: the same elements in
 * the same columns), so each Text node of the pages takes the lines of its twin instead of
 * having textkit break them again: react-pdf's yoga measure and text steps skip a node that
 * already has lines. The footer (its page number differs) is laid out anew. If a block's Text
 * nodes do not pair up, it keeps its own layout.
 */
function reuseTextLayout(plans: PagePlan[], laidPage: Laid): (root: Laid) => void {
  const blocks = laidPage.children?.[0]?.children ?? [];
  const [lead0, lead1, table, ...trailing] = blocks;
  const [head, ...rows] = table?.children ?? [];
  return (root) => {
    root.children?.forEach((page, i) => {
      const plan = plans[i];
      const units = page.children?.[0]?.children ?? [];
      if (!plan) return;
      const pairs: [Laid | undefined, Laid | undefined][] = [];
      let k = 0;
      if (plan.lead) pairs.push([units[k++], lead0], [units[k++], lead1]);
      if (plan.rows) {
        const [pageHead, ...pageRows] = units[k++]?.children ?? [];
        const first = plan.rows[0];
        pairs.push([pageHead, head]);
        for (const [j, row] of pageRows.entries()) pairs.push([row, rows[first + j]]);
      }
      for (const index of plan.trailing) pairs.push([units[k++], trailing[index]]);
      for (const [mine, twin] of pairs) {
        const texts = topTexts(mine);
        const laid = topTexts(twin);
        if (texts.length !== laid.length) continue;
        texts.forEach((text, n) => {
          const from = laid[n] as Laid;
          if (!from.lines) return;
          text.lines = from.lines;
          if (from.alignOffset !== undefined) text.alignOffset = from.alignOffset;
        });
      }
    });
  };
}

/**
 * How a document is rendered: "auto" draws a one-page document directly (decision 075) and
 * anything else with react-pdf; "react-pdf" always with react-pdf (the reference the direct
 * drawing is tested against); "direct" only directly, throwing `Unsupported` otherwise (tests).
 */
export type Engine = "auto" | "react-pdf" | "direct";
export { Unsupported };

/**
 * Validates the document (throws InvoiceDocumentError) and renders it to PDF bytes, DejaVu Sans
 * embedded. The same document renders to the same bytes (metadata dates come from issuedAt).
 */
export async function renderInvoicePdf(
  doc: InvoiceDocument,
  engine: Engine = "auto",
): Promise<Uint8Array> {
  assertInvoiceDocument(doc);
  return (await renderPages(doc, { engine })).bytes;
}

/**
 * An invoice or credit note as Factur-X (EN 16931): the PDF/A-3b rendering with its CII XML
 * embedded as factur-x.xml (see facturx-pdf.ts), and that XML. Byte-deterministic like
 * `renderInvoicePdf`. Throws FacturXError for a payout statement or a document whose amounts
 * EN 16931 cannot carry (`facturXRepresentable`).
 */
export async function renderFacturXPdf(
  doc: InvoiceDocument,
  engine: Engine = "auto",
): Promise<{ pdf: Uint8Array; xml: string }> {
  assertInvoiceDocument(doc);
  // Throws first for a payout statement (not an invoice), then for amounts EN 16931 cannot carry.
  const xml = buildFacturXml(doc);
  if (!facturXRepresentable(doc)) {
    throw new FacturXError(
      `${doc.number}: amounts in ${doc.currency} with ${doc.currencyExponent} decimals do not fit EN 16931's two`,
    );
  }
  const { bytes: rendered } = await renderPages(doc, { conformance: "PDF/A-3b", engine });
  const info = documentInfo(doc);
  const pdf = await embedFacturX(rendered, xml, doc, {
    title: info.title,
    author: info.author,
    subject: info.subject,
    creator: info.creator,
    producer: info.producer,
    date: info.date,
  });
  return { pdf, xml };
}

// ---------------------------------------------------------------------------------------------
// One-page documents drawn directly on pdfkit (decision 075). react-pdf's layout of the same tree
// (`invoiceElement(doc, { onePage: true })`) is the reference: the same blocks, widths, margins,
// paddings and borders as `styles`, the same text breaking (draw.ts), tested line by line and
// pixel by pixel against it (draw.test.ts). Whatever this does not reproduce falls back to react-pdf.

const PAGE_WIDTH = 595.28;

/** A style of ours as the text it prints: inherited weight, size and colour, overridden. */
function textStyle(base: TextStyle, ...overrides: (Style | undefined)[]): TextStyle {
  let style = base;
  for (const o of overrides) {
    if (!o) continue;
    style = {
      bold: o.fontWeight === undefined ? style.bold : Number(o.fontWeight) >= 700,
      size: o.fontSize === undefined ? style.size : Number(o.fontSize),
      color: o.color === undefined ? style.color : String(o.color),
    };
  }
  return style;
}

const paras = (base: TextStyle, lines: Line[]): Para[] =>
  lines.map((line) =>
    typeof line === "string"
      ? { text: line, style: base }
      : { text: line.text, style: textStyle(base, line.style) },
  );

const num = (value: unknown) => (value === undefined ? 0 : Number(value));

/** Widths of a row's flex cells as yoga gives them: padding, then the rest shared by flex. */
function flexWidths(columns: Style[], width: number): number[] {
  const pads = columns.map((c) => num(c.paddingLeft) + num(c.paddingRight));
  const grow = columns.reduce((sum, c) => sum + num(c.flex), 0);
  const free = width - pads.reduce((a, b) => a + b, 0);
  return columns.map((c, i) => (pads[i] ?? 0) + (free * num(c.flex)) / grow);
}

const alignOf = (style: Style | undefined): "left" | "right" | "center" =>
  (style?.textAlign as "right" | "center" | undefined) ?? "left";

async function drawOnePage(
  doc: InvoiceDocument,
  fonts: Fonts,
  options: { conformance?: "PDF/A-3b" },
): Promise<Uint8Array | undefined> {
  if (doc.lines.length > ONE_PAGE_LINE_LIMIT) return undefined;
  const t = LABELS[doc.locale];
  const page = styles.page;
  const base: TextStyle = {
    bold: false,
    size: num(page.fontSize),
    color: String(page.color),
  };
  const bold = textStyle(base, styles.bold);
  const left = num(page.paddingHorizontal);
  const width = PAGE_WIDTH - 2 * left;
  const right = left + width;
  type Op = (ctx: PdfKit) => void;
  const ops: Op[] = [];
  const text = (laid: LaidText, x: number, y: number) =>
    ops.push((ctx) => drawText(ctx, fonts, laid, x, y));
  const borders = (
    box: { left: number; top: number; width: number; height: number },
    sides: Partial<Borders>,
    color: unknown,
  ) =>
    ops.push((ctx) =>
      drawBorders(ctx, box, { top: 0, right: 0, bottom: 0, left: 0, ...sides }, String(color)),
    );
  const pct = (value: unknown, of: number) => (Number.parseFloat(String(value)) / 100) * of;
  try {
    let y = num(page.paddingTop);

    // Header: the seller block (55 %) and, right-aligned in 42 %, the title and references.
    const lines = headerLines(doc, t);
    const sellerWidth = pct(styles.sellerBlock.width, width);
    const titleWidth = pct(styles.titleBlock.width, width);
    const seller = layoutText(fonts, paras(base, lines.left), sellerWidth);
    const titleStyle = textStyle(base, styles.title);
    const title = layoutText(fonts, [{ text: t.title[doc.kind], style: titleStyle }], titleWidth);
    const refs = layoutText(fonts, paras(base, lines.right), titleWidth, "right");
    if (title.width > titleWidth || refs.width > titleWidth) throw new Unsupported("header");
    text(seller, left, y);
    text(title, right - title.width, y);
    const refsTop = y + title.height + num(styles.title.marginBottom);
    // Right-aligned lines end at the block's right edge (react-pdf's alignOffset).
    text(refs, right - titleWidth, refsTop);
    y = Math.max(y + seller.height, refsTop + refs.height) + num(styles.header.marginBottom);

    // The buyer, boxed.
    const party = styles.partyBlock;
    const partyWidth = pct(party.width, width);
    const inset = num(party.borderWidth) + num(party.padding);
    const buyer = layoutText(fonts, paras(base, buyerLines(doc, t)), partyWidth - 2 * inset);
    const partyHeight = buyer.height + 2 * inset;
    const bw = num(party.borderWidth);
    const partyTop = y;
    borders(
      { left, top: partyTop, width: partyWidth, height: partyHeight },
      { top: bw, right: bw, bottom: bw, left: bw },
      party.borderColor,
    );
    text(buyer, left + inset, y + inset);
    y += partyHeight + num(party.marginBottom);

    // A row of cells: each cell's Text at its column, the row as tall as its tallest cell.
    const row = (
      columns: Style[],
      cells: Line[][],
      rowStyle: Style,
      rowWidth: number,
      x0: number,
      top: number,
      cellBase: TextStyle,
    ) => {
      const widths = flexWidths(columns, rowWidth);
      const padTop = num(rowStyle.paddingVertical) + num(rowStyle.paddingTop);
      const padBottom = num(rowStyle.paddingVertical) + num(rowStyle.paddingBottom);
      const border = num(rowStyle.borderBottomWidth);
      let x = x0;
      let tallest = 0;
      const laid = cells.map((cell, c) => {
        const column = columns[c] as Style;
        const inner = (widths[c] ?? 0) - num(column.paddingLeft) - num(column.paddingRight);
        const block = layoutText(fonts, paras(cellBase, cell), inner, alignOf(column));
        tallest = Math.max(tallest, block.height);
        const at = x + num(column.paddingLeft);
        x += widths[c] ?? 0;
        return { block, at };
      });
      for (const { block, at } of laid) text(block, at, top + padTop);
      const height = padTop + tallest + padBottom + border;
      if (border) {
        borders(
          { left: x0, top, width: rowWidth, height },
          { bottom: border },
          rowStyle.borderBottomColor,
        );
      }
      return height;
    };

    // The lines table: column heads (bold), then one row per line.
    const data = tableData(doc, t);
    const headBase = textStyle(base, styles.tableHead);
    y += row(
      data.columns,
      data.head.map((label) => [label]),
      styles.tableHead,
      width,
      left,
      y,
      headBase,
    );
    for (const cells of data.rows) {
      y += row(data.columns, cells, styles.tableRow, width, left, y, base);
    }
    y += num(styles.table.marginBottom);

    // The summary: VAT per rate (left, 46 %) beside the totals (right, 50 %).
    const exempt = doc.vatExemptionMention !== undefined;
    let vatHeight = 0;
    if (!exempt) {
      const vatWidth = pct(styles.vatTable.width, width);
      const vatTitle = layoutText(fonts, [{ text: t.vatSummary, style: bold }], vatWidth);
      text(vatTitle, left, y);
      let vy = y + vatTitle.height + num(styles.sectionTitle.marginBottom);
      const columns = [styles.cellNarrow, styles.cellAmount, styles.cellAmount];
      vy += row(
        columns,
        [[t.vatRate], [t.vatBase], [t.vatAmount]],
        styles.tableHead,
        vatWidth,
        left,
        vy,
        headBase,
      );
      const money = (minor: number) =>
        formatMoney(minor, doc.currency, doc.currencyExponent, doc.locale);
      for (const entry of doc.totals.vatByRate) {
        vy += row(
          columns,
          [
            [formatRate(entry.rateBasisPoints, doc.locale)],
            [money(entry.baseMinor)],
            [money(entry.vatMinor)],
          ],
          styles.tableRow,
          vatWidth,
          left,
          vy,
          base,
        );
      }
      vatHeight = vy - y;
    }
    const totalsWidth = pct(styles.totals.width, width);
    const totalsLeft = right - totalsWidth;
    let ty = y;
    for (const entry of totalEntries(doc, t)) {
      const lineStyle: Style = entry.strong ? styles.grandTotal : styles.totalLine;
      const entryBase = textStyle(base, lineStyle);
      ty += num(lineStyle.marginTop);
      const border = num(lineStyle.borderTopWidth);
      const padTop = num(lineStyle.paddingVertical) + num(lineStyle.paddingTop);
      const label = layoutText(fonts, [{ text: entry.label, style: entryBase }], totalsWidth);
      const value = layoutText(fonts, [{ text: entry.value, style: entryBase }], totalsWidth);
      if (border) {
        const lineHeight =
          border +
          padTop +
          Math.max(label.height, value.height) +
          num(lineStyle.paddingVertical) +
          num(lineStyle.paddingBottom);
        borders(
          { left: totalsLeft, top: ty, width: totalsWidth, height: lineHeight },
          { top: border },
          lineStyle.borderTopColor,
        );
      }
      // Two auto-width Texts apart (space-between); react-pdf would shrink them to fit.
      if (label.width + value.width > totalsWidth || label.lines.length + value.lines.length > 2) {
        throw new Unsupported("totals line");
      }
      text(label, totalsLeft, ty + border + padTop);
      text(value, right - value.width, ty + border + padTop);
      ty +=
        border +
        padTop +
        Math.max(label.height, value.height) +
        num(lineStyle.paddingVertical) +
        num(lineStyle.paddingBottom) +
        num(lineStyle.marginBottom);
    }
    ty += CURRENCY_GAP;
    const currency = layoutText(
      fonts,
      [{ text: labelled(doc, t.currency, doc.currency), style: textStyle(base, styles.muted) }],
      totalsWidth,
    );
    text(currency, totalsLeft, ty);
    ty += currency.height;
    y += Math.max(vatHeight, ty - y) + num(styles.summaryRow.marginBottom);

    // Below: the VAT exemption, the payment, the terms.
    if (doc.vatExemptionMention) {
      const mention = layoutText(
        fonts,
        [{ text: doc.vatExemptionMention, style: textStyle(base, styles.exemption) }],
        width,
      );
      text(mention, left, y);
      y += mention.height + num(styles.exemption.marginBottom);
    }
    const section = (heading: string, body: string[]) => {
      const head = layoutText(fonts, [{ text: heading, style: bold }], width);
      text(head, left, y);
      y += head.height + num(styles.sectionTitle.marginBottom);
      const block = layoutText(fonts, paras(base, body), width);
      text(block, left, y);
      y += block.height + num(styles.block.marginBottom);
    };
    section(t.payment, paymentLines(doc, t));
    const terms = termsLines(doc, t);
    if (terms) section(t.paymentTerms, terms);
    // Past the wrap area react-pdf paginates: not ours to draw.
    if (y > PAGE_BOTTOM + 0.001) return undefined;

    // The footer, from the page's bottom: the seller's line and "Title N° – Page 1 / 1".
    const footer = styles.footer;
    const footerBase = textStyle(base, footer);
    const footerText = layoutText(
      fonts,
      [
        { text: footerParts(doc, t).join(" – "), style: footerBase },
        { text: `${t.title[doc.kind]} ${doc.number} – ${t.page(1, 1)}`, style: footerBase },
      ],
      width,
      "center",
    );
    const footerBorder = num(footer.borderTopWidth);
    const footerHeight = footerBorder + num(footer.paddingTop) + footerText.height;
    const footerTop = A4_HEIGHT - num(footer.bottom) - footerHeight;
    borders(
      { left, top: footerTop, width, height: footerHeight },
      { top: footerBorder },
      footer.borderTopColor,
    );
    text(footerText, left, footerTop + footerBorder + num(footer.paddingTop));
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const ctx = openDocument({ ...documentInfo(doc), conformance: options.conformance }, [
    PAGE_WIDTH,
    A4_HEIGHT,
  ]);
  for (const op of ops) op(ctx);
  return finish(ctx);
}
