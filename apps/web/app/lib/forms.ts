import type { MessageKey } from "@mentora/i18n";
import { z } from "zod";

// Messages are message keys: the page translates them, so a language switch re-translates.
const required: MessageKey = "web.form.required";

const email = z
  .string({ error: required })
  .trim()
  .min(1, { error: required })
  .max(320, { error: "web.form.invalidEmail" satisfies MessageKey })
  .pipe(z.email({ error: "web.form.invalidEmail" satisfies MessageKey }));

export const signUpSchema = z.object({
  name: z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(100, { error: "web.form.nameTooLong" satisfies MessageKey }),
  email,
  password: z
    .string({ error: required })
    .min(1, { error: required })
    .min(8, { error: "web.form.passwordTooShort" satisfies MessageKey })
    .max(128, { error: "web.form.passwordTooLong" satisfies MessageKey }),
});

export const signInSchema = z.object({
  email,
  password: z.string({ error: required }).min(1, { error: required }).max(1024),
});

export const forgotPasswordSchema = z.object({ email });

export type FieldErrors<Field extends string> = Partial<Record<Field, MessageKey>>;

/** The first error of each field, as message keys. */
export function fieldErrorsOf<Field extends string>(error: z.ZodError): FieldErrors<Field> {
  const result: Partial<Record<string, MessageKey>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_");
    result[field] ??= issue.message as MessageKey;
  }
  return result as FieldErrors<Field>;
}

/** Form fields as strings (a file or a missing field reads as ""). */
export function formFields<Field extends string>(
  form: FormData,
  fields: readonly Field[],
): Record<Field, string> {
  const result = {} as Record<Field, string>;
  for (const field of fields) {
    const value = form.get(field);
    result[field] = typeof value === "string" ? value : "";
  }
  return result;
}

/** A text field of a submitted form, trimmed; "" when absent or a file. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}
