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

/** Every printed line, character by character: origin (points), font, size and fill colour. */
export function printedGlyphs(
  bytes: Uint8Array,
): { text: string; font: string; size: number; color: string; origins: [number, number][] }[][] {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  try {
    const pages = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      const lines: {
        text: string;
        font: string;
        size: number;
        color: string;
        origins: [number, number][];
      }[] = [];
      page.toStructuredText("preserve-whitespace").walk({
        beginLine() {
          lines.push({ text: "", font: "", size: 0, color: "", origins: [] });
        },
        onChar(c, origin, font, size, _quad, color) {
          const line = lines[lines.length - 1];
          if (!line) return;
          line.text += c;
          line.font = font.getName().replace(/^[A-Z]{6}\+/, "");
          line.size = Math.round(size * 1000) / 1000;
          line.color = color.map((n) => Math.round(n * 255)).join(",");
          line.origins.push([origin[0], origin[1]]);
        },
      });
      pages.push(lines);
      page.destroy();
    }
    return pages;
  } finally {
    doc.destroy();
  }
}

/**
 * How two renders of a page differ to the eye (MuPDF, 144 dpi, grey levels): the share of pixels
 * that differ and the largest difference (0–255). Anti-aliasing of the same shapes drawn through
 * another path (a border, a glyph a thousandth of a point away) moves a few pixels by a few levels.
 */
export function pixelDifference(
  a: Uint8Array,
  b: Uint8Array,
  pageIndex = 0,
): { share: number; max: number } {
  const draw = (bytes: Uint8Array) => {
    const doc = mupdf.Document.openDocument(bytes, "application/pdf");
    try {
      return doc
        .loadPage(pageIndex)
        .toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceGray, false)
        .getPixels()
        .slice(); // a copy: the pixmap's memory goes with the document
    } finally {
      doc.destroy();
    }
  };
  const [x, y] = [draw(a), draw(b)];
  if (x.length !== y.length) return { share: 1, max: 255 };
  let differing = 0;
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const delta = Math.abs((x[i] ?? 0) - (y[i] ?? 0));
    if (delta) differing++;
    if (delta > max) max = delta;
  }
  return { share: differing / x.length, max };
}

/** What "the same page to the eye" allows: ≤ 0.1 % of the pixels, none by more than 96 levels. */
export const PIXEL_TOLERANCE = { share: 0.001, max: 96 } as const;
