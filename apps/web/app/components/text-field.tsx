import type { MessageKey } from "@mentora/i18n";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { useT } from "~/lib/i18n";

interface TextFieldProps {
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  defaultValue?: string;
  hint?: string;
  error?: MessageKey;
  required?: boolean;
  minLength?: number;
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField(props: TextFieldProps) {
  const t = useT();
  const { name, label, type = "text", hint, error } = props;
  return (
    <Field id={`field-${name}`} label={label} hint={hint} error={error ? t(error) : undefined}>
      <Input
        name={name}
        type={type}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        required={props.required}
        minLength={props.minLength}
      />
    </Field>
  );
}
