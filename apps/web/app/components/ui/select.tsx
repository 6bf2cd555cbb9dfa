import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "~/lib/cn";
import { controlClass } from "./input";

/**
 * A native `<select>` with the design system's look: it posts with a plain form, works without
 * JavaScript and gets the platform's own picker on phones (Radix Select needs JavaScript).
 */
export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(
  function Select({ className, ...props }, ref) {
    return <select ref={ref} className={cn(controlClass, "pr-8", className)} {...props} />;
  },
);
