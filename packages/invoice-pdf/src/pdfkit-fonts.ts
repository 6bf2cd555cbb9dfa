/// <reference path="./pdfkit.d.ts" />
// react-pdf hands pdfkit the fontkit font object itself for every text run
// (`ctx.font(fontkitFont, size)`). pdfkit caches fonts by name only, so for an object it builds a
// new EmbeddedFont on every run (a new subset, metrics) and then compares it with the one it
// already has by JSON-serialising both fonts' name tables: ~8 % of a one-page invoice render.
// This keeps, per PDF document, the font pdfkit settled on for each fontkit object, and answers
// the next runs with it: the same font object pdfkit would have ended on.
import PDFDocument from "pdfkit";

type FontSource = object | string | Uint8Array | ArrayBuffer;
interface PdfKitFonts {
  _font: unknown;
  _fontSource: unknown;
  _fontFamily: unknown;
  fontSize(size: number): unknown;
}
type FontMethod = (
  this: PdfKitFonts,
  src: FontSource,
  family?: string | number,
  size?: number,
) => unknown;

const settled = new WeakMap<PdfKitFonts, Map<object, unknown>>();
const isFontkitFont = (src: FontSource): src is { layout: () => unknown } =>
  typeof src === "object" &&
  !(src instanceof Uint8Array) &&
  !(src instanceof ArrayBuffer) &&
  typeof (src as { layout?: unknown }).layout === "function";

// Wrapped once per process, should this module be evaluated twice (two module graphs).
const proto = PDFDocument.prototype as unknown as {
  font: FontMethod;
  __mentoraFontsByObject?: true;
};
if (!proto.__mentoraFontsByObject) {
  const font = proto.font;
  proto.font = function (this: PdfKitFonts, src, family, size) {
    if (!isFontkitFont(src) || typeof family === "string")
      return font.call(this, src, family, size);
    const fontSize = typeof family === "number" ? family : size;
    const fonts = settled.get(this) ?? new Map<object, unknown>();
    settled.set(this, fonts);
    const known = fonts.get(src);
    if (known === undefined) {
      const result = font.call(this, src, family, size);
      fonts.set(src, this._font);
      return result;
    }
    // What pdfkit's own font() leaves behind for an object source given with a size.
    this._fontSource = src;
    this._fontFamily = null;
    this._font = known;
    if (fontSize != null) this.fontSize(fontSize);
    return this;
  };
  proto.__mentoraFontsByObject = true;
}
