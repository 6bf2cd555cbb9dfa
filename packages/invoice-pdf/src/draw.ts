// Text layout and drawing straight on pdfkit (decision 075): what react-pdf does for our one-page
// documents, without its element tree, yoga and the textkit pipeline. Lines are broken by
// textkit's own line breaker (Knuth & Plass, the same nodes and widths react-pdf gives it), glyphs
// shaped by the same fontkit fonts, drawn by the pdfkit react-pdf itself uses, with the same
// document options. Anything this cannot reproduce exactly answers `undefined` (`Unsupported`)
// and the caller renders with react-pdf instead.
import { justification, linebreaker } from "@react-pdf/textkit";
import PDFDocument from "pdfkit";
import "./pdfkit-fonts.ts";

/** A paragraph's look: what our styles set (weight, size, colour). */
export interface TextStyle {
  bold: boolean;
  size: number;
  color: string;
}

/** One paragraph of a Text block (a `Line` of render.ts's `textLines`), in its own style. */
export interface Para {
  text: string;
  style: TextStyle;
}

export interface Fonts {
  regular: Shaper;
  bold: Shaper;
}

interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
/** What we read of a fontkit font. */
interface Shaper {
  layout(text: string, ...rest: unknown[]): { glyphs: Glyph[]; positions: Position[] };
  hasGlyphForCodePoint(codePoint: number): boolean;
  readonly unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
}

/** Thrown inside a layout when the document needs what only react-pdf does (see the caller). */
export class Unsupported extends Error {}

/** A laid-out line: its text (no line feed), place in its block, width without trailing spaces. */
export interface LaidLine {
  text: string;
  glyphs: Glyph[];
  positions: Position[];
  /** Glyphs before it and from it on were shaped, and are drawn, as two runs (textkit's). */
  split: number;
  style: TextStyle;
  x: number;
  y: number;
  width: number;
  height: number;
  ascent: number;
}

export interface LaidText {
  lines: LaidLine[];
  height: number;
  /** The widest line, trailing spaces left out (react-pdf's measured width of an auto-width Text). */
  width: number;
}

const breakLines = linebreaker({}) as unknown as (
  attributed: unknown,
  widths: number[],
) => { string: string }[];

// The options @react-pdf/layout gives textkit for a Text node (its getLayoutOptions).
const shrinkOverfull = justification({
  shrinkWhitespaceFactor: { before: -0.5, after: -0.5 },
} as never) as unknown as (line: unknown) => { runs: { positions: Position[] }[] };

const fontOf = (fonts: Fonts, style: TextStyle) => (style.bold ? fonts.bold : fonts.regular);

/**
 * Breaks one paragraph as textkit does for react-pdf: words split at ASCII spaces (our
 * hyphenation callback keeps words whole), Knuth & Plass on the glyph advances of the paragraph
 * shaped as one run, the paragraph's line feed (when one follows) counted in its last word.
 */
interface BrokenLine {
  text: string;
  glyphs: Glyph[];
  /** In points, as textkit keeps them. */
  positions: Position[];
  /** Without trailing spaces. */
  width: number;
  overfull: boolean;
  split: number;
}

function breakParagraph(fonts: Fonts, para: Para, withFeed: boolean, width: number): BrokenLine[] {
  const font = fontOf(fonts, para.style);
  const string = withFeed ? `${para.text}\n` : para.text;
  // What textkit would treat otherwise (hyphenation points at runs of spaces, tabs, other
  // line breaks, characters outside the font or the BMP, combining marks): react-pdf decides.
  if (/ {2}|^ | $|[\t\r\v\f\u00ad\u2028\u2029]|[\ud800-\udfff]|[\u0300-\u036f]/.test(para.text)) {
    throw new Unsupported("text textkit would treat specially");
  }
  const scale = para.style.size / font.unitsPerEm;
  // textkit shapes each script run on its own (its scriptItemizer): the characters before the
  // first letter (digits, punctuation: script Common) apart from the rest. Another script than
  // Latin would split further: react-pdf's.
  if (/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(string)) {
    throw new Unsupported("script other than Latin");
  }
  const firstLetter = string.search(/\p{Script=Latin}/u);
  const split = firstLetter > 0 ? firstLetter : string.length;
  const shaped = [string.slice(0, split), string.slice(split)]
    .filter((part) => part !== "")
    .map((part) => font.layout(part, undefined, undefined, undefined, "ltr"));
  const run = {
    glyphs: shaped.flatMap((part) => part.glyphs),
    positions: shaped.flatMap((part) => part.positions),
  };
  // One glyph per character (BMP only, checked above): no ligature, no decomposition. (A glyph's
  // `codePoints` cannot tell: fontkit keeps the first it was asked with, [] for one the
  // subsetter reached first, e.g. the line feed's .notdef.)
  if (run.glyphs.length !== string.length) throw new Unsupported("ligature or cluster");
  const positions = run.positions.map((p) => {
    if (p.xOffset || p.yOffset) throw new Unsupported("positioned glyph");
    return { xAdvance: p.xAdvance * scale, yAdvance: p.yAdvance * scale, xOffset: 0, yOffset: 0 };
  });
  for (let i = 0; i < para.text.length; i++) {
    if (!font.hasGlyphForCodePoint(para.text.charCodeAt(i))) throw new Unsupported("no glyph");
  }
  const indices = positions.map((_, i) => i);
  const attributed = {
    string,
    syllables: string.split(/([ ]+)/g).filter(Boolean),
    runs: [
      {
        start: 0,
        end: string.length,
        attributes: { font: [font], fontSize: para.style.size },
        glyphs: run.glyphs,
        positions,
        glyphIndices: indices,
        stringIndices: indices,
      },
    ],
  };
  let start = 0;
  return breakLines(attributed, [width, width]).map((line) => {
    const text = line.string.replace(/\n$/, "");
    const lineStart = start;
    const end = start + text.length;
    const glyphs = run.glyphs.slice(start, end);
    let linePositions = positions.slice(start, end).map((p) => ({ ...p }));
    start += line.string.length;
    const visible = text.replace(/ +$/, "").length;
    const advanceOf = (list: Position[], count: number) =>
      list.slice(0, count).reduce((sum, p) => sum + p.xAdvance, 0);
    const full = advanceOf(linePositions, text.length);
    const trailing = full - advanceOf(linePositions, visible);
    // A line Knuth & Plass set with its spaces shrunk: textkit's justification squeezes it into
    // the box (its `justifyLine` for a line wider than its box).
    if (full - trailing > width) {
      const squeezed = shrinkOverfull({
        string: text,
        box: { x: 0, y: 0, width: width + trailing, height: 0 },
        runs: [
          {
            start: 0,
            end: text.length,
            attributes: { font: [font], fontSize: para.style.size },
            glyphs,
            positions: linePositions,
          },
        ],
      });
      linePositions = squeezed.runs[0]?.positions ?? linePositions;
    }
    return {
      text,
      glyphs,
      positions: linePositions,
      // Where the line's second shaped run starts (textkit draws each run on its own).
      split: Math.max(0, Math.min(text.length, split - lineStart)),
      width: Math.min(width, advanceOf(linePositions, visible)),
      overfull: full - trailing > width,
    };
  });
}

/** textkit's line height: ascent − descent + line gap, scaled (no lineHeight in our styles). */
function metrics(fonts: Fonts, style: TextStyle): { height: number; ascent: number } {
  const font = fontOf(fonts, style);
  const scale = style.size / font.unitsPerEm;
  return {
    height: (font.ascent - font.descent + font.lineGap) * scale,
    ascent: font.ascent * scale,
  };
}

/**
 * A Text block of paragraphs in a box `width` wide, lines aligned in it as react-pdf's textkit
 * aligns them (trailing spaces ignored).
 */
export function layoutText(
  fonts: Fonts,
  paras: Para[],
  width: number,
  align: "left" | "right" | "center" = "left",
): LaidText {
  const lines: LaidLine[] = [];
  let y = 0;
  let widest = 0;
  paras.forEach((para, i) => {
    const { height, ascent } = metrics(fonts, para.style);
    for (const broken of breakParagraph(fonts, para, i < paras.length - 1, width)) {
      const lineWidth = broken.width;
      widest = Math.max(widest, lineWidth);
      const factor = align === "right" ? 1 : align === "center" ? 0.5 : 0;
      lines.push({
        text: broken.text,
        glyphs: broken.glyphs,
        positions: broken.positions,
        split: broken.split,
        style: para.style,
        x: broken.overfull ? 0 : (width - lineWidth) * factor,
        y,
        width: lineWidth,
        height,
        ascent,
      });
      y += height;
    }
  });
  return { lines, height: y, width: widest };
}

/** The PDF document options react-pdf gives pdfkit for our Document props (see its `render`). */
export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  creator: string;
  producer: string;
  language: string;
  date: Date;
  conformance?: "PDF/A-3b";
}

/** The pdfkit calls we make (its package ships no types; see pdfkit.d.ts). */
export interface PdfKit {
  addPage(options: object): PdfKit;
  save(): PdfKit;
  restore(): PdfKit;
  translate(x: number, y: number): PdfKit;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): PdfKit;
  addContent(data: string): PdfKit;
  page: { height: number; fonts: Record<string, unknown> };
  _fontSize: number;
  _font: {
    id: string;
    font: { unitsPerEm: number };
    subset: { includeGlyph(id: number): number };
    widths: number[];
    unicode: number[][];
    scale: number;
    ref(): unknown;
  };
  font(src: unknown, size?: number): PdfKit;
  fillColor(color: string): PdfKit;
  text(text: string, x: number, y: number, options: object): PdfKit;
  moveTo(x: number, y: number): PdfKit;
  lineTo(x: number, y: number): PdfKit;
  closePath(): PdfKit;
  clip(): PdfKit;
  strokeColor(color: string): PdfKit;
  lineWidth(width: number): PdfKit;
  stroke(): PdfKit;
  on(event: string, listener: (arg: never) => void): PdfKit;
  end(): void;
}

/** A pdfkit document set up as react-pdf sets it up, with one page of the given size. */
export function openDocument(info: DocumentInfo, size: [number, number]): PdfKit {
  const options: Record<string, unknown> = {
    compress: true,
    lang: info.language,
    displayTitle: true,
    autoFirstPage: false,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: info.creator,
      Producer: info.producer,
      CreationDate: info.date,
      ModificationDate: info.date,
    },
  };
  if (info.conformance) {
    options.subset = info.conformance;
    options.pdfVersion = "1.7";
  }
  const ctx = new (PDFDocument as unknown as new (options: object) => PdfKit)(options);
  ctx.addPage({ size, margin: 0, userUnit: 1 });
  return ctx;
}

/** Draws a laid-out Text block whose box starts at (left, top). */
export function drawText(ctx: PdfKit, fonts: Fonts, laid: LaidText, left: number, top: number) {
  for (const line of laid.lines) {
    ctx.save();
    // The baseline, where react-pdf's renderLine puts it: the line's top + its ascent.
    ctx.translate(left + line.x, top + line.y + line.ascent);
    ctx.fillColor(line.style.color);
    ctx.font(fontOf(fonts, line.style), line.style.size);
    for (const [from, to] of [
      [0, line.split],
      [line.split, line.glyphs.length],
    ] as const) {
      if (from === to) continue;
      const positions = line.positions.slice(from, to);
      drawGlyphs(ctx, line.glyphs.slice(from, to), positions, line.text.slice(from, to));
      ctx.translate(
        positions.reduce((sum, p) => sum + p.xAdvance, 0),
        0,
      );
    }
    ctx.restore();
  }
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The glyphs of one line as react-pdf's renderGlyphs writes them (@react-pdf/render): the
 * shaped glyphs and their advances as textkit computed them, one TJ, kerning as adjustments.
 */
function drawGlyphs(ctx: PdfKit, glyphs: Glyph[], positions: Position[], text: string) {
  const font = ctx._font;
  const size = ctx._fontSize;
  const toText = 1000 / size;
  const advanceScale = 1000 / (font.font.unitsPerEm || 1000);
  const encoded = glyphs.map((glyph, i) => {
    const gid = font.subset.includeGlyph(glyph.id);
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    // The character it was shaped from (one glyph per character here), for text extraction.
    font.unicode[gid] ??= [text.charCodeAt(i)];
    return `0000${gid.toString(16)}`.slice(-4);
  });
  ctx.save();
  ctx.transform(1, 0, 0, -1, 0, ctx.page.height);
  const y = ctx.page.height;
  ctx.page.fonts[font.id] ??= font.ref();
  ctx.addContent("BT");
  ctx.addContent(`1 0 0 1 0 ${round6(y)} Tm`);
  ctx.addContent(`/${font.id} ${round6(size)} Tf`);
  const commands: string[] = [];
  let last = 0;
  const segment = (cur: number) => {
    if (last < cur) {
      const i = cur - 1;
      const adjust =
        (positions[i]?.xAdvance ?? 0) * toText - (glyphs[i]?.advanceWidth ?? 0) * advanceScale;
      commands.push(`<${encoded.slice(last, cur).join("")}> ${round6(-adjust)}`);
    }
    last = cur;
  };
  for (let i = 0; i < positions.length; i++) {
    const adjust =
      (positions[i]?.xAdvance ?? 0) * toText - (glyphs[i]?.advanceWidth ?? 0) * advanceScale;
    if (adjust !== 0) segment(i + 1);
  }
  segment(positions.length);
  if (commands.length > 0) ctx.addContent(`[${commands.join(" ")}] TJ`);
  ctx.addContent("ET");
  ctx.restore();
}

/** A box's border widths (points); 0 for a side without one. */
export interface Borders {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

type Point = [number, number];

/**
 * A box's solid, square borders as react-pdf's renderBorders draws them (@react-pdf/render,
 * radius 0): per side, clipped to the side's band (and to the diagonal joins with its
 * neighbours), a stroke twice as wide along the outer edge.
 */
export function drawBorders(
  ctx: PdfKit,
  box: { left: number; top: number; width: number; height: number },
  borders: Borders,
  color: string,
) {
  const { left: l, top: t, width: w, height: h } = box;
  const { top: bt, right: br, bottom: bb, left: bl } = borders;
  const polygon = (points: Point[]) => {
    const [first, ...rest] = points as [Point, ...Point[]];
    ctx.moveTo(...first);
    for (const point of rest) ctx.lineTo(...point);
    ctx.closePath();
    ctx.clip();
  };
  const side = (band: Point[], joins: Point[][], edge: Point[], width: number) => {
    ctx.save();
    polygon(band);
    for (const join of joins) polygon(join);
    const [from, ...to] = edge as [Point, ...Point[]];
    ctx.moveTo(...from);
    for (const point of to) ctx.lineTo(...point);
    ctx.strokeColor(color);
    ctx.lineWidth(width * 2);
    ctx.stroke();
    ctx.restore();
  };
  ctx.save();
  if (bt) {
    const joins: Point[][] = [];
    if (br)
      joins.push([
        [l + w / 2, t + (bt / br) * (w / 2)],
        [l + w, t],
        [l, t],
        [l, t + h],
      ]);
    if (bl)
      joins.push([
        [l + w / 2, t + (bt / bl) * (w / 2)],
        [l, t],
        [l + w, t],
        [l + w, t + h],
      ]);
    const band: Point[] = [
      [l, t],
      [l + w, t],
      [l + w, t + bt],
      [l, t + bt],
    ];
    side(
      band,
      joins,
      [
        [l, t + bt],
        [l, t],
        [l + w, t],
      ],
      Math.max(br, bt, bl),
    );
  }
  if (br) {
    const joins: Point[][] = [];
    if (bt)
      joins.push([
        [l + w / 2, t + (bt / br) * (w / 2)],
        [l + w, t],
        [l + w, t + h],
        [l, t + h],
      ]);
    if (bb) {
      joins.push([
        [l + w / 2, t + h - (bb / br) * (w / 2)],
        [l + w, t + h],
        [l + w, t],
        [l, t],
      ]);
    }
    const band: Point[] = [
      [l + w, t],
      [l + w, t + h],
      [l + w - br, t + h],
      [l + w - br, t],
    ];
    side(
      band,
      joins,
      [
        [l + w, t],
        [l + w, t + h],
      ],
      Math.max(br, bt, bb),
    );
  }
  if (bb) {
    const joins: Point[][] = [];
    if (br)
      joins.push([
        [l + w / 2, t + h - (bb / br) * (w / 2)],
        [l + w, t + h],
        [l, t + h],
        [l, t],
      ]);
    if (bl) {
      joins.push([
        [l + w / 2, t + h - (bb / bl) * (w / 2)],
        [l, t + h],
        [l + w, t + h],
        [l + w, t],
      ]);
    }
    const band: Point[] = [
      [l + w, t + h],
      [l, t + h],
      [l, t + h - bb],
      [l + w, t + h - bb],
    ];
    side(
      band,
      joins,
      [
        [l + w, t + h],
        [l, t + h],
      ],
      Math.max(bb, br, bl),
    );
  }
  if (bl) {
    const joins: Point[][] = [];
    if (bb) {
      joins.push([
        [l + w / 2, t + h - (bb / bl) * (w / 2)],
        [l, t + h],
        [l, t],
        [l + w, t],
      ]);
    }
    if (bt)
      joins.push([
        [l + w / 2, t + (bt / bl) * (w / 2)],
        [l, t],
        [l, t + h],
        [l + w, t + h],
      ]);
    const band: Point[] = [
      [l, t + h],
      [l, t],
      [l + bl, t],
      [l + bl, t + h],
    ];
    side(
      band,
      joins,
      [
        [l, t + h],
        [l, t],
      ],
      Math.max(bl, bt, bb),
    );
  }
  ctx.restore();
}

/** The finished PDF's bytes. */
export function finish(ctx: PdfKit): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    ctx.on("data", (chunk: Buffer) => chunks.push(chunk));
    ctx.on("end", () => {
      const buffer = Buffer.concat(chunks);
      resolve(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    });
    ctx.on("error", reject);
    ctx.end();
  });
}
