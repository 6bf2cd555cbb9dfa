// Turns the rendered PDF into a Factur-X: react-pdf (pdfkit) already wrote it as PDF/A-3b (PDF
// 1.7, the sRGB OutputIntent with the ICC profile pdfkit ships, embedded fonts); this step, with
// pdf-lib, embeds factur-x.xml as an associated file (AFRelationship /Data, in the catalog's AF
// and the EmbeddedFiles name tree) and replaces the XMP packet by one built with xmlbuilder2
// that adds the Factur-X extension schema (pdfkit's own packet is concatenated text, unescaped).
// Every date comes from the document, nothing from the clock: the same document gives the same
// bytes.
import { AFRelationship, PDFDocument, PDFName, PDFRef } from "pdf-lib";
import { create } from "xmlbuilder2";
import type { InvoiceDocument } from "./document.ts";
import { FACTURX_CONFORMANCE, FACTURX_FILENAME, FACTURX_VERSION } from "./facturx.ts";

export const FACTURX_NS = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

const XMP_NS = {
  x: "adobe:ns:meta/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  pdfaid: "http://www.aiim.org/pdfa/ns/id/",
  dc: "http://purl.org/dc/elements/1.1/",
  xmp: "http://ns.adobe.com/xap/1.0/",
  pdf: "http://ns.adobe.com/pdf/1.3/",
  fx: FACTURX_NS,
  pdfaExtension: "http://www.aiim.org/pdfa/ns/extension/",
  pdfaSchema: "http://www.aiim.org/pdfa/ns/schema#",
  pdfaProperty: "http://www.aiim.org/pdfa/ns/property#",
} as const;

/** What the info dictionary says; the XMP must say the same (PDF/A 6.6.2.3). */
export type PdfInfo = {
  title: string;
  author: string;
  subject: string;
  creator: string;
  producer: string;
  date: Date;
};

/** pdfkit's form of a date in XMP, to the second, UTC. */
const xmpDate = (date: Date) => `${date.toISOString().split(".")[0]}Z`;

type XMLBuilder = ReturnType<typeof create>;

const FX_PROPERTIES = [
  ["DocumentFileName", "name of the embedded XML invoice file"],
  ["DocumentType", "INVOICE"],
  ["Version", "The actual version of the Factur-X XML schema"],
  ["ConformanceLevel", "The conformance level of the embedded Factur-X data"],
] as const;

function description(rdf: XMLBuilder, prefix: keyof typeof XMP_NS): XMLBuilder {
  return rdf.ele(XMP_NS.rdf, "rdf:Description", {
    "rdf:about": "",
    [`xmlns:${prefix}`]: XMP_NS[prefix],
  });
}

/** The XMP packet of a Factur-X PDF/A-3b: identification, info mirror, Factur-X properties. */
export function facturXXmp(info: PdfInfo, lang: string): string {
  const root = create({ version: "1.0", encoding: "UTF-8" });
  root.ins("xpacket", 'begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"');
  const rdf = root
    .ele(XMP_NS.x, "x:xmpmeta", { "xmlns:x": XMP_NS.x })
    .ele(XMP_NS.rdf, "rdf:RDF", { "xmlns:rdf": XMP_NS.rdf });

  const id = description(rdf, "pdfaid");
  id.ele(XMP_NS.pdfaid, "pdfaid:part").txt("3");
  id.ele(XMP_NS.pdfaid, "pdfaid:conformance").txt("B");

  const dc = description(rdf, "dc");
  dc.ele(XMP_NS.dc, "dc:format").txt("application/pdf");
  dc.ele(XMP_NS.dc, "dc:title")
    .ele(XMP_NS.rdf, "rdf:Alt")
    .ele(XMP_NS.rdf, "rdf:li", { "xml:lang": "x-default" })
    .txt(info.title);
  dc.ele(XMP_NS.dc, "dc:creator")
    .ele(XMP_NS.rdf, "rdf:Seq")
    .ele(XMP_NS.rdf, "rdf:li")
    .txt(info.author);
  dc.ele(XMP_NS.dc, "dc:description")
    .ele(XMP_NS.rdf, "rdf:Alt")
    .ele(XMP_NS.rdf, "rdf:li", { "xml:lang": "x-default" })
    .txt(info.subject);
  dc.ele(XMP_NS.dc, "dc:language").ele(XMP_NS.rdf, "rdf:Bag").ele(XMP_NS.rdf, "rdf:li").txt(lang);

  const xmp = description(rdf, "xmp");
  xmp.ele(XMP_NS.xmp, "xmp:CreateDate").txt(xmpDate(info.date));
  xmp.ele(XMP_NS.xmp, "xmp:ModifyDate").txt(xmpDate(info.date));
  xmp.ele(XMP_NS.xmp, "xmp:MetadataDate").txt(xmpDate(info.date));
  xmp.ele(XMP_NS.xmp, "xmp:CreatorTool").txt(info.creator);

  description(rdf, "pdf").ele(XMP_NS.pdf, "pdf:Producer").txt(info.producer);

  const fx = description(rdf, "fx");
  fx.ele(FACTURX_NS, "fx:DocumentType").txt("INVOICE");
  fx.ele(FACTURX_NS, "fx:DocumentFileName").txt(FACTURX_FILENAME);
  fx.ele(FACTURX_NS, "fx:Version").txt(FACTURX_VERSION);
  fx.ele(FACTURX_NS, "fx:ConformanceLevel").txt(FACTURX_CONFORMANCE);

  // The PDF/A extension schema that declares the fx properties (PDF/A-3 needs it).
  const extension = rdf.ele(XMP_NS.rdf, "rdf:Description", {
    "rdf:about": "",
    "xmlns:pdfaExtension": XMP_NS.pdfaExtension,
    "xmlns:pdfaSchema": XMP_NS.pdfaSchema,
    "xmlns:pdfaProperty": XMP_NS.pdfaProperty,
  });
  const schema = extension
    .ele(XMP_NS.pdfaExtension, "pdfaExtension:schemas")
    .ele(XMP_NS.rdf, "rdf:Bag")
    .ele(XMP_NS.rdf, "rdf:li", { "rdf:parseType": "Resource" });
  schema.ele(XMP_NS.pdfaSchema, "pdfaSchema:schema").txt("Factur-X PDFA Extension Schema");
  schema.ele(XMP_NS.pdfaSchema, "pdfaSchema:namespaceURI").txt(FACTURX_NS);
  schema.ele(XMP_NS.pdfaSchema, "pdfaSchema:prefix").txt("fx");
  const properties = schema
    .ele(XMP_NS.pdfaSchema, "pdfaSchema:property")
    .ele(XMP_NS.rdf, "rdf:Seq");
  for (const [name, text] of FX_PROPERTIES) {
    const property = properties.ele(XMP_NS.rdf, "rdf:li", { "rdf:parseType": "Resource" });
    property.ele(XMP_NS.pdfaProperty, "pdfaProperty:name").txt(name);
    property.ele(XMP_NS.pdfaProperty, "pdfaProperty:valueType").txt("Text");
    property.ele(XMP_NS.pdfaProperty, "pdfaProperty:category").txt("external");
    property.ele(XMP_NS.pdfaProperty, "pdfaProperty:description").txt(text);
  }
  root.ins("xpacket", 'end="w"');
  return root.end({ headless: true, prettyPrint: true });
}

/**
 * Embeds the Factur-X XML into a rendered PDF/A-3b and writes its Factur-X XMP. The input must
 * come from `renderFacturXPdf`'s render (PDF 1.7 with the OutputIntent); the output keeps its
 * objects, trailer ID and info dictionary, adding ModDate = the document date.
 */
export async function embedFacturX(
  pdfBytes: Uint8Array,
  xml: string,
  doc: InvoiceDocument,
  info: PdfInfo,
): Promise<Uint8Array> {
  // updateMetadata: false, or pdf-lib stamps its own producer and the current time.
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  pdf.setModificationDate(info.date);
  await pdf.attach(new TextEncoder().encode(xml), FACTURX_FILENAME, {
    mimeType: "text/xml",
    description: doc.kind === "credit_note" ? "Factur-X credit note" : "Factur-X invoice",
    creationDate: info.date,
    modificationDate: info.date,
    afRelationship: AFRelationship.Data,
  });
  // pdfkit's packet is replaced, not left behind as an unreferenced object.
  const previous = pdf.catalog.get(PDFName.of("Metadata"));
  if (previous instanceof PDFRef) pdf.context.delete(previous);
  const xmp = new TextEncoder().encode(facturXXmp(info, doc.locale));
  const metadata = pdf.context.stream(xmp, { Type: "Metadata", Subtype: "XML" });
  pdf.catalog.set(PDFName.of("Metadata"), pdf.context.register(metadata));
  // Classic cross-reference table, no object streams: what pdfkit wrote, readable by any tool.
  return pdf.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
  });
}
