export const adminAccounting = {
  title: "Accounting exports",
  heading: "Accounting exports",
  intro:
    "Files for the accountant. Each download is recorded in the audit log and asks for a recent sign-in.",
  archiveHeading: "Invoices and credit notes",
  archiveIntro:
    "A ZIP of the period's invoices and credit notes: each PDF, its Factur-X XML, and summary.csv (one row per document). Dates are issue dates (UTC), both included, at most one year.",
  from: "From",
  to: "To",
  downloadArchive: "Download the ZIP",
  fecHeading: "FEC (fichier des écritures comptables)",
  fecIntro:
    "The ledger of a fiscal year (calendar year, UTC) in the format of the French tax administration: 18 tab-separated columns, one line per entry.",
  year: "Fiscal year",
  currency: "Currency",
  fecCurrencyHint:
    "EUR is the legal FEC. Another currency gives the same file for that currency's entries, amounts not converted.",
  downloadFec: "Download the FEC",
};
