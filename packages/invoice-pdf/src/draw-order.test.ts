// What a render prints must not depend on what the process rendered before. fontkit keeps each
// glyph object with the code points it was first asked with, and pdfkit's subsetter asks with
// none: in a process whose first react-pdf document had no multi-line text, the .notdef glyph
// lost the line feed's code point and react-pdf drew a box at every later line feed (decision
// 075); one whose first document had "à" but no "a" lost "a" (a part of DejaVu's "à") from the
// text and broke lines elsewhere. The fonts are now prepared as they load, whoever loads them
// (decision 081). Each case runs in a fresh worker thread: its own module graph and fonts.
import { Worker } from "node:worker_threads";
import { describe, expect, test } from "vitest";
import { printedLines } from "./testing/printed.ts";

interface Renders {
  reactPdf: Uint8Array;
  direct: Uint8Array;
  auto: Uint8Array;
}

function rendersAfter(first: string | undefined): Promise<Renders> {
  const worker = new Worker(new URL("./testing/render-after.ts", import.meta.url), {
    workerData: { first },
  });
  return new Promise<Renders>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`render worker exited (${code})`)));
  }).finally(() => worker.terminate());
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
/** Printed lines without their positions (react-pdf's and the direct drawing's differ by < 0.5 pt). */
const texts = (bytes: Uint8Array) =>
  (printedLines(bytes)[0]?.lines ?? []).map((line) => line.replace(/ @\S+ \S+/, ""));

// Worker threads load react-pdf and the fonts: seconds on a loaded machine.
describe("render order", { timeout: 120_000 }, () => {
  test("the invoice prints the same after any first render", async () => {
    const [reference, noLineFeed, partOfComposite, multiLine] = await Promise.all([
      rendersAfter(undefined),
      rendersAfter("Facture F-2026-0001"),
      rendersAfter("à"),
      rendersAfter("Facture\nF-2026-0001"),
    ]);
    const printed = texts(reference.reactPdf);
    expect(printed).toHaveLength(81);
    expect(printed.join("\n")).not.toContain("\ufffd");
    expect(printed).toContain("SAS, au capital de 10 000 € DejaVuSans 9");
    // react-pdf and the direct drawing print the same lines (draw.test.ts compares them closely).
    expect(texts(reference.direct)).toEqual(printed);
    for (const renders of [noLineFeed, partOfComposite, multiLine]) {
      expect(texts(renders.reactPdf)).toEqual(printed);
      expect(same(renders.reactPdf, reference.reactPdf)).toBe(true);
      // The default path still draws a one-page invoice directly, with the same bytes.
      expect(same(renders.direct, reference.direct)).toBe(true);
      expect(same(renders.auto, reference.direct)).toBe(true);
    }
  });
});
