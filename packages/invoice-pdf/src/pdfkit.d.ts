// pdfkit is imported only to reach its document prototype (see pdfkit-fonts.ts).
declare module "pdfkit" {
  const PDFDocument: { prototype: object };
  export default PDFDocument;
}
