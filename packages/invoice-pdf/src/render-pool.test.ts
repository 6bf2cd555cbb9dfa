// Rendering in a worker thread must store exactly what rendering on the event loop did: the
// recorded sha256 of an issued invoice is checked against every later re-render.
import { afterAll, describe, expect, test } from "vitest";
import { renderFacturXPdf, renderInvoicePdf } from "./render.ts";
import { createRenderPool } from "./render-pool.ts";
import { sampleDocument } from "./testing/fixtures.ts";
import { inspectPdf } from "./testing/pdf-check.ts";

const pool = createRenderPool({ threads: 2 });
afterAll(() => pool.close());

// A thread loads react-pdf and the fonts on its first task: seconds on a loaded machine.
describe("render pool", { timeout: 120_000 }, () => {
  test("a PDF rendered in a thread has the bytes and text of one rendered in-process", async () => {
    const docs = [sampleDocument("invoice", "fr"), sampleDocument("credit_note", "en")];
    // Side by side, so both threads take part.
    const threaded = await Promise.all(docs.map((doc) => pool.render(doc, "pdf")));
    for (const [index, doc] of docs.entries()) {
      const inProcess = await renderInvoicePdf(doc);
      expect(Buffer.from(threaded[index]!).equals(Buffer.from(inProcess))).toBe(true);
      expect((await inspectPdf(threaded[index]!)).text).toBe((await inspectPdf(inProcess)).text);
    }
  });

  test("a Factur-X rendered in a thread has the bytes of one rendered in-process", async () => {
    const doc = sampleDocument("invoice", "fr");
    const threaded = await pool.render(doc, "facturx");
    const { pdf } = await renderFacturXPdf(doc);
    expect(Buffer.from(threaded).equals(Buffer.from(pdf))).toBe(true);
  });

  test("a document that does not validate fails its render with the problems", async () => {
    const doc = { ...sampleDocument("invoice", "fr"), number: "" };
    await expect(pool.render(doc, "pdf")).rejects.toThrow(/number/);
  });

  test("threads 0 renders in-process, with the same bytes", async () => {
    const inline = createRenderPool({ threads: 0 });
    const doc = sampleDocument("invoice", "en");
    const bytes = await inline.render(doc, "pdf");
    expect(inline.threads).toBe(0);
    expect(Buffer.from(bytes).equals(Buffer.from(await renderInvoicePdf(doc)))).toBe(true);
    await inline.close();
  });
});
