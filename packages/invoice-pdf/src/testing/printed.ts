// What a reader of a PDF sees, for tests that compare two renders: every printed line with its
// place and font, and a page's pixels (MuPDF).
import { createHash } from "node:crypto";
import * as mupdf from "mupdf";

/** Every line of every page as MuPDF reads it: text, position, font (subset tag dropped). */
export function printedLines(bytes: Uint8Array): { bounds: number[]; lines: string[] }[] {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  try {
    const pages = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      const text = JSON.parse(page.toStructuredText("preserve-whitespace").asJSON()) as {
        blocks: {
          lines?: {
            text: string;
            bbox: Record<string, number>;
            font: { name: string; size: number };
          }[];
        }[];
      };
      const lines = text.blocks.flatMap((block) =>
        (block.lines ?? []).map(
          ({ text, bbox, font }) =>
            `${text} @${bbox.x},${bbox.y} ${bbox.w}x${bbox.h} ${font.name.replace(/^[A-Z]{6}\+/, "")} ${font.size}`,
        ),
      );
      pages.push({ bounds: [...page.getBounds()], lines });
      page.destroy();
    }
    return pages;
  } finally {
    doc.destroy();
  }
}

/** A page (the first by default) drawn in grey levels at 144 dpi: what a reader sees, pixel for pixel. */
export function pixels(bytes: Uint8Array, pageIndex = 0): string {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  try {
    const pixmap = doc
      .loadPage(pageIndex)
      .toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceGray, false);
    return createHash("sha256").update(pixmap.getPixels()).digest("hex");
  } finally {
    doc.destroy();
  }
}
