import { seedDemoData } from "@mentora/db/seed";
import { assertInvoiceDocument } from "@mentora/invoice-pdf/document";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { createTestApp } from "../testing/index.ts";
import { documentOf } from "./issue.ts";
import { renderInvoice } from "./render.ts";

// The demo seed (packages/db, below invoice-pdf) writes its invoices and payout statements
// itself: here every one passes invoice-pdf's checks, and one of each kind renders as a PDF
// through the worker's render.

let app: App;
beforeAll(async () => {
  app = await createTestApp();
  await seedDemoData(app.prisma);
});
afterAll(() => app?.close());

it("the demo history's invoices and statements are valid documents that render", async () => {
  const invoices = await app.prisma.invoice.findMany({ orderBy: { number: "asc" } });
  expect(invoices.length).toBeGreaterThan(50);
  for (const invoice of invoices) {
    expect(() => assertInvoiceDocument(invoice.document), invoice.number).not.toThrow();
    const document = documentOf(invoice);
    expect(document.number).toBe(invoice.number);
    expect(document.totals.inclMinor).toBe(invoice.totalMinor);
  }
  for (const kind of ["INVOICE", "PAYOUT_STATEMENT"] as const) {
    const invoice = invoices.find((row) => row.kind === kind);
    expect(invoice, kind).toBeDefined();
    // The worker's render: stored once under its hash, as for any issued document.
    expect(await renderInvoice(app, invoice!.id)).toBe("stored");
    const stored = await app.prisma.invoice.findUniqueOrThrow({ where: { id: invoice!.id } });
    const file = await app.files.get(stored.fileKey ?? "");
    expect(new TextDecoder().decode(file?.bytes.subarray(0, 5))).toBe("%PDF-");
  }
});
