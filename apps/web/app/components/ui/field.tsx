import { cloneElement, isValidElement, type ReactElement, type ReactNode, useId } from "react";
import { cn } from "~/lib/cn";
import { Label } from "./label";

interface FieldProps {
  label: ReactNode;
  /** The control: an Input, Textarea or Select (it gets id, aria-describedby, aria-invalid). */
  children: ReactElement<Record<string, unknown>>;
  hint?: ReactNode;
  /** The error text, already translated; shown under the control and announced with it. */
  error?: ReactNode;
  /** Defaults to a generated id; pass one when a test or a link needs it stable. */
  id?: string;
  className?: string;
}

/**
 * A label, an optional hint and error, wired to the control with `htmlFor` and
 * `aria-describedby`, so a screen reader reads the hint and the error with the field.
 */
export function Field({ label, children, hint, error, id, className }: FieldProps) {
  const generated = useId();
  const controlId = id ?? (children.props.id as string | undefined) ?? `field${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id: controlId,
        "aria-describedby": describedBy,
        "aria-invalid": error ? true : undefined,
      })
    : children;
  return (
    <div className={cn("flex flex-col", className)}>
      <Label htmlFor={controlId}>{label}</Label>
      {hint ? (
        <p id={hintId} className="mb-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {control}
      {error ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
