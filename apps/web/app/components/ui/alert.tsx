import { cva, type VariantProps } from "class-variance-authority";
import type { HTMLAttributes } from "react";
import { cn } from "~/lib/cn";

const alertVariants = cva("mb-4 rounded-lg border px-4 py-3 text-base [&>p:last-child]:mb-0", {
  variants: {
    tone: {
      info: "border-primary-border bg-primary-soft text-info",
      success: "border-success-border bg-success-soft text-success",
      warning: "border-warning-border bg-warning-soft text-warning [&_a]:text-warning",
      danger: "border-danger-border bg-danger-soft text-danger",
    },
  },
  defaultVariants: { tone: "info" },
});

/**
 * A message in the page's flow. Pass `role="alert"` for an error that appears after an action
 * and `role="status"` for a success notice; a static notice needs no role.
 */
export function Alert({
  className,
  tone,
  ...props
}: HTMLAttributes<HTMLDivElement> & VariantProps<typeof alertVariants>) {
  return <div className={cn(alertVariants({ tone }), className)} {...props} />;
}

export function AlertTitle({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cn("mb-1 font-semibold", className)} {...props} />;
}
