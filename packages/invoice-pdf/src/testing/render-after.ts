// Worker-thread entry of draw-order.test.ts: a fresh module graph and fresh fontkit fonts that
// first render `first` (a one-page react-pdf document in our font, or nothing), then the sample
// invoice through react-pdf, through the direct drawing and by default.
import { parentPort, workerData } from "node:worker_threads";
import { Document, Page, renderToBuffer, Text } from "@react-pdf/renderer";
import React from "react";
import { FONT_FAMILY, renderInvoicePdf } from "../render.ts";
import { sampleDocument } from "./fixtures.ts";

const { first } = workerData as { first?: string };
if (first !== undefined) {
  const h = React.createElement;
  await renderToBuffer(
    h(
      Document,
      null,
      h(Page, { size: "A4", style: { fontFamily: FONT_FAMILY } }, h(Text, null, first)),
    ),
  );
}
const doc = sampleDocument("invoice", "fr");
parentPort?.postMessage({
  reactPdf: await renderInvoicePdf(doc, "react-pdf"),
  direct: await renderInvoicePdf(doc, "direct"),
  auto: await renderInvoicePdf(doc),
});
