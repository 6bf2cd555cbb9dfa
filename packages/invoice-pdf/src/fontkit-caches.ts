// What our two fontkit fonts (DejaVu Sans and its bold, parsed once per process) remember from
// one render to the next. react-pdf and pdfkit ask fontkit the same questions for every render:
// the answers depend only on the font and the question, so each font keeps them.

/** Distinct text runs each font keeps shaped; past it the cache starts over (bounded memory). */
const SHAPED_RUNS_KEPT = 4_000;

interface FontkitGlyph {
  _decode(): unknown;
}

/** The parts of a fontkit TTFFont these caches touch. */
export interface FontkitFont {
  layout(text: string, ...rest: unknown[]): { glyphs: unknown[] };
  hasGlyphForCodePoint(codePoint: number): boolean;
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph | null;
  readonly unitsPerEm: number;
  readonly _variationProcessor?: unknown;
  /** fontkit's glyph objects by id, made on first use (fontkit 2.0.4). */
  readonly _glyphs: Record<number, FontkitGlyph | undefined>;
  readonly _cmapProcessor: { codePointsForGlyph(id: number): number[] };
}

/**
 * Shaped runs: react-pdf shapes every text run of every render again, although most runs recur
 * from one document to the next (labels, headings, the seller's lines, amounts). fontkit's
 * result depends only on the text and the arguments. Callers get their own glyph array
 * (react-pdf may replace an entry in it); the glyph objects are fontkit's per-font cache anyway.
 */
function keepShapedRuns(font: FontkitFont): void {
  const shape = font.layout.bind(font);
  const kept = new Map<string, { glyphs: unknown[] }>();
  font.layout = (text, ...rest) => {
    const key = `${JSON.stringify(rest)}\u0000${text}`;
    let run = kept.get(key);
    if (!run) {
      if (kept.size >= SHAPED_RUNS_KEPT) kept.clear();
      run = shape(text, ...rest);
      kept.set(key, run);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(run)), run, {
      glyphs: run.glyphs.slice(),
    });
  };
}

/**
 * Per-character questions: react-pdf's font substitution asks, for every character of every
 * run, whether the font has a glyph for it (a cmap lookup) and the font's unitsPerEm (a getter
 * through the head table). Both are fixed for a font.
 *
 * A line feed (our multi-line Text blocks, see `textLines` in render.ts) has no glyph in any
 * font; asked, DejaVu says no and react-pdf falls back to its last font, Helvetica, which then
 * lands in the PDF as a non-embedded font (not allowed in PDF/A, and not ours). It is a line
 * break, never drawn: it stays in the run's own font.
 */
const LINE_FEED = 0x0a;

function keepCharacterAnswers(font: FontkitFont): void {
  const hasGlyph = font.hasGlyphForCodePoint.bind(font);
  const answers = new Map<number, boolean>();
  font.hasGlyphForCodePoint = (codePoint) => {
    if (codePoint === LINE_FEED) return true;
    let answer = answers.get(codePoint);
    if (answer === undefined) {
      answer = hasGlyph(codePoint);
      answers.set(codePoint, answer);
    }
    return answer;
  };
  Object.defineProperty(font, "unitsPerEm", { value: font.unitsPerEm });
}

/**
 * Decoded glyph outlines: pdfkit subsets the fonts of every document, and fontkit's subsetter
 * decodes each glyph's outline again (to find composite glyphs' parts) although fontkit keeps
 * the glyph objects themselves per font. A static (non-variable) font's outline never changes
 * and its readers do not modify it, so each glyph keeps its decoded outline.
 */
function keepDecodedGlyphs(font: FontkitFont): void {
  if (font._variationProcessor) return;
  const getGlyph = font.getGlyph.bind(font);
  const seen = new WeakSet<FontkitGlyph>();
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && !seen.has(glyph)) {
      seen.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => {
        decoded ??= { value: decode() };
        return decoded.value;
      };
    }
    return glyph;
  };
}

/**
 * The code points of each glyph. fontkit makes one glyph object per glyph id, with the code
 * points of the first question that reached it, and react-pdf reads them back: textkit maps a
 * line's characters to its glyphs by them (a line's closing line feed is dropped with its
 * glyph), pdfkit writes them as the glyph's ToUnicode entry. pdfkit's subsetter asks for glyphs
 * without code points: the .notdef glyph (in every subset) and the parts of composite glyphs
 * (DejaVu's "à" is "a" and "`"). A glyph reached there first kept none for the rest of the
 * process, and every later react-pdf render misprinted it: a .notdef box at each line feed once
 * a document without multi-line text came first (decision 075), "a" missing from the text and
 * lines broken elsewhere once a first document had "à" but no "a" (draw-order.test.ts). So a
 * glyph first asked for without code points gets its own from the cmap, and the .notdef glyph
 * is made at load as the line feed's: the one character we shape to it (keepCharacterAnswers),
 * which is what shaping a multi-line text first made of it.
 */
function keepGlyphCodePoints(font: FontkitFont): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints) =>
    getGlyph(
      id,
      codePoints?.length || font._glyphs[id]
        ? codePoints
        : font._cmapProcessor.codePointsForGlyph(id),
    );
  font.getGlyph(0, [LINE_FEED]);
}

/**
 * Gives a freshly loaded fontkit font the caches above and its glyphs' code points, before any
 * render uses it (render.ts does it as the font loads; once per font object).
 */
export function keepFontAnswers(font: FontkitFont): void {
  keepGlyphCodePoints(font);
  keepShapedRuns(font);
  keepCharacterAnswers(font);
  keepDecodedGlyphs(font);
}
