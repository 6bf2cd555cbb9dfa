import { type MatchRequestForm, matchRequestForm } from "@mentora/core/contracts";

/** The languages and currencies the form offers (budget in major units of a 2-decimal currency). */
export const matchLanguages = ["en", "fr", "es", "de", "it", "pt"] as const;
export const matchCurrencies = ["EUR", "USD", "GBP"] as const;

/**
 * The matching request a submitted form describes (sign-up, the matches page, the directory's
 * box), or null when the description was left empty (it is optional at sign-up). Invalid input
 * gives the schema's issues.
 */
export function matchRequestFrom(form: FormData) {
  const text = String(form.get("need") ?? "").trim();
  if (!text) return null;
  const languages = form
    .getAll("needLanguage")
    .map(String)
    .filter((code) => (matchLanguages as readonly string[]).includes(code));
  const budgetText = String(form.get("needBudget") ?? "").trim();
  const currency = String(form.get("needCurrency") ?? "EUR");
  const from = String(form.get("needFrom") ?? "").trim();
  const to = String(form.get("needTo") ?? "").trim();
  const budget = Number(budgetText.replace(",", "."));
  const input: MatchRequestForm = {
    text,
    languages,
    ...(budgetText && Number.isFinite(budget)
      ? { budget: { maxMinor: Math.round(budget * 100), currency } }
      : {}),
    ...(from && to ? { when: { from, to } } : {}),
  };
  return matchRequestForm.safeParse(input);
}
