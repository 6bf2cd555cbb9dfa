import type { Translate } from "@mentora/i18n";
import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { Select } from "~/components/ui/select";
import { currencies } from "~/lib/currencies";
import { useT } from "~/lib/i18n";

/** One filter of an admin list, as it appears in the page's URL (`name`). */
export type FilterField =
  | { kind: "select"; name: string; label: string; options: { value: string; label: string }[] }
  | {
      kind: "text" | "search" | "date" | "decimal";
      name: string;
      label: string;
      placeholder?: string;
    }
  | { kind: "checkbox"; name: string; label: string };

/** The period, currency and amount-range filters the money lists share (payments, payouts). */
export function periodAndAmountFields(t: Translate): FilterField[] {
  return [
    { kind: "date", name: "from", label: t("web.adminPayments.from") },
    { kind: "date", name: "to", label: t("web.adminPayments.to") },
    {
      kind: "select",
      name: "currency",
      label: t("web.adminPayments.currency"),
      options: currencies.map((code) => ({ value: code, label: code })),
    },
    { kind: "decimal", name: "min", label: t("web.adminPayments.minAmount") },
    { kind: "decimal", name: "max", label: t("web.adminPayments.maxAmount") },
  ];
}

interface FilterFormProps {
  /** The list's own path: "Reset" links to it with no query. */
  path: string;
  fields: FilterField[];
  /** The values read from the URL (an unchecked checkbox is ""). */
  values: Record<string, string>;
  hint?: string;
  /** "h2" on a page's main list, "h3" inside a section that has its own h2. */
  headingLevel?: "h2" | "h3";
}

/**
 * The filters of an admin list: a GET form (the URL holds the filters, so a filtered page can be
 * bookmarked and the CSV link keeps them), every control labelled, "any" as the empty choice.
 */
export function FilterForm({ path, fields, values, hint, headingLevel = "h2" }: FilterFormProps) {
  const t = useT();
  const id = useId();
  const Heading = headingLevel;
  return (
    <Card asChild className="filters mb-6">
      <Form method="get" action={path} aria-labelledby={`${id}-heading`}>
        <Heading id={`${id}-heading`} className="h3">
          {t("web.adminPayments.filters")}
        </Heading>
        <div className="mb-4 grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-4">
          {fields.map((field) => {
            const fieldId = `${id}-${field.name}`;
            const value = values[field.name] ?? "";
            if (field.kind === "checkbox") {
              return (
                <div key={field.name} className="flex items-center gap-2 self-end pb-2">
                  <input
                    className="size-4 accent-primary"
                    id={fieldId}
                    name={field.name}
                    type="checkbox"
                    value="1"
                    defaultChecked={value === "1"}
                  />
                  <Label htmlFor={fieldId} className="mb-0">
                    {field.label}
                  </Label>
                </div>
              );
            }
            return (
              <div key={field.name}>
                <Label htmlFor={fieldId}>{field.label}</Label>
                {field.kind === "select" ? (
                  <Select id={fieldId} name={field.name} defaultValue={value}>
                    <option value="">{t("web.adminPayments.any")}</option>
                    {field.options.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input
                    id={fieldId}
                    name={field.name}
                    type={field.kind === "decimal" ? "text" : field.kind}
                    inputMode={field.kind === "decimal" ? "decimal" : undefined}
                    placeholder={field.placeholder}
                    defaultValue={value}
                  />
                )}
              </div>
            );
          })}
        </div>
        {hint ? <p className="mb-4 text-sm text-muted">{hint}</p> : null}
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit" size="sm">
            {t("web.adminPayments.apply")}
          </Button>
          <Link to={path}>{t("web.adminPayments.reset")}</Link>
        </div>
      </Form>
    </Card>
  );
}
