import { useT } from "~/lib/i18n";

interface DocumentLink {
  id: string;
  kind: string;
  number: string;
  url: string;
  ready: boolean;
}

/** The XML alone: /invoices/<id>.xml, beside the PDF route and with its access rules. */
function xmlUrlOf(id: string): string {
  return `/invoices/${encodeURIComponent(id)}.xml`;
}

export interface PaymentDocuments {
  invoice: DocumentLink | null;
  creditNotes: DocumentLink[];
}

/**
 * A payment's invoice and its credit notes as download links, each PDF with its Factur-X XML
 * (plain links: the /invoices/<id>.pdf and .xml resource routes check who asks).
 */
export function InvoiceLinks({
  documents,
  isTopUp,
}: {
  documents: PaymentDocuments | undefined;
  isTopUp: boolean;
}) {
  const t = useT();
  if (isTopUp) return <span className="muted small">{t("web.invoices.none")}</span>;
  if (!documents?.invoice) return <span className="muted small">{t("web.invoices.pending")}</span>;
  const links = [
    {
      doc: documents.invoice,
      label: t("web.invoices.download", { number: documents.invoice.number }),
    },
    ...documents.creditNotes.map((doc) => ({
      doc,
      label: t("web.invoices.creditNote", { number: doc.number }),
    })),
  ];
  return (
    <ul className="plain-list small">
      {links.map(({ doc, label }) => (
        <li key={doc.id}>
          <a href={doc.url} download data-testid={`document-${doc.kind}`}>
            {label}
          </a>{" "}
          ·{" "}
          <a
            href={xmlUrlOf(doc.id)}
            download
            aria-label={t("web.invoices.xmlLabel", { number: doc.number })}
            data-testid={`document-${doc.kind}-xml`}
          >
            {t("web.invoices.xml")}
          </a>
          {doc.ready ? null : <span className="muted"> · {t("web.invoices.preparing")}</span>}
        </li>
      ))}
    </ul>
  );
}
