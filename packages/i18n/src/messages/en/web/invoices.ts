export const invoices = {
  download: "Invoice {number}",
  creditNote: "Credit note {number}",
  preparing: "being prepared",
  pending: "Invoice on its way",
  none: "No VAT invoice for a top-up (invoiced when the balance pays a session)",
  column: "Invoice",
  billing: {
    heading: "Billing details",
    intro: "Printed on your next invoices. Invoices already issued never change.",
    name: "Billing name (optional, e.g. a company)",
    address: "Billing address (one line per row)",
    country: "Country (2-letter code, e.g. FR)",
    vatNumber: "VAT number (businesses)",
    isBusiness: "I buy as a business",
    save: "Save billing details",
    saved: "Billing details saved.",
  },
};
