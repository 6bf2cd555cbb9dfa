// The direct drawing (decision 075) must not depend on what the process rendered before: fontkit
// keeps each glyph object with the code points it was first asked with, so after react-pdf's
// render of another document (here the bench's floor, which reaches the .notdef glyph through
// pdfkit's subsetter first) a glyph can carry none. A fresh module graph (this file alone), react-pdf
// first, then a one-page invoice: still drawn directly, and printing what react-pdf prints.
import { Document, Page, renderToBuffer, Text } from "@react-pdf/renderer";
import React from "react";
import { expect, test } from "vitest";
import { FONT_FAMILY, renderInvoicePdf } from "./render.ts";
import { sampleDocument } from "./testing/fixtures.ts";
import { printedLines } from "./testing/printed.ts";

test("react-pdf renders first, the one-page invoice is still drawn directly", async () => {
  const h = React.createElement;
  await renderToBuffer(
    h(
      Document,
      null,
      h(
        Page,
        { size: "A4", style: { fontFamily: FONT_FAMILY } },
        h(Text, null, "Facture F-2026-0001"),
      ),
    ),
  );
  const doc = sampleDocument("invoice", "fr");
  const direct = await renderInvoicePdf(doc, "direct");
  expect(Buffer.from(await renderInvoicePdf(doc)).equals(Buffer.from(direct))).toBe(true);
  // The same lines as react-pdf prints, without the .notdef glyph react-pdf itself now draws for
  // each line feed (textkit drops the line feed by its code points, which this glyph lost): a
  // react-pdf quirk in this order only, which the direct drawing does not share.
  const texts = (bytes: Uint8Array) =>
    (printedLines(bytes)[0]?.lines ?? []).map((line) => line.replace(/ @\S+ \S+/, ""));
  const reactPdf = texts(await renderInvoicePdf(doc, "react-pdf"));
  expect(reactPdf.some((line) => line.includes("\ufffd"))).toBe(true);
  expect(texts(direct)).toEqual(reactPdf.map((line) => line.replaceAll("\ufffd", "")));
  expect(texts(direct)).toHaveLength(81);
});
