import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";
import { cn } from "~/lib/cn";

type ChoiceProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & {
  /** The visible label, clickable with the box. */
  label: ReactNode;
  /** A line under the label (linked with aria-describedby when `id` is set). */
  hint?: ReactNode;
};

const boxClass =
  "mt-1 size-4 shrink-0 cursor-pointer accent-primary focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-focus disabled:cursor-not-allowed";

function Choice(
  type: "checkbox" | "radio",
  { className, label, hint, id, ...props }: ChoiceProps,
  ref: React.Ref<HTMLInputElement>,
) {
  const hintId = hint && id ? `${id}-hint` : undefined;
  return (
    <label className={cn("flex cursor-pointer items-start gap-2 text-base", className)}>
      <input
        ref={ref}
        id={id}
        type={type}
        className={boxClass}
        aria-describedby={hintId}
        {...props}
      />
      <span>
        {label}
        {hint ? (
          <span id={hintId} className="block text-sm text-muted">
            {hint}
          </span>
        ) : null}
      </span>
    </label>
  );
}

/** A native checkbox with its label (posts with a plain form, no JavaScript needed). */
export const Checkbox = forwardRef<HTMLInputElement, ChoiceProps>(function Checkbox(props, ref) {
  return Choice("checkbox", props, ref);
});

/** A native radio button with its label; group them in a `<fieldset>` with a `<legend>`. */
export const Radio = forwardRef<HTMLInputElement, ChoiceProps>(function Radio(props, ref) {
  return Choice("radio", props, ref);
});
