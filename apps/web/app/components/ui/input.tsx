import { forwardRef, type InputHTMLAttributes } from "react";
import { cn } from "~/lib/cn";

/** The look every text-like control shares (inputs, textareas, native selects). */
export const controlClass =
  "block w-full rounded-md border border-input bg-surface px-3 py-2 text-base text-text placeholder:text-muted focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-focus disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-2 aria-invalid:border-danger";

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(
  function Input({ className, type = "text", ...props }, ref) {
    return <input ref={ref} type={type} className={cn(controlClass, className)} {...props} />;
  },
);
