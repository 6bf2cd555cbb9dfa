import { Slot } from "radix-ui";
import type { HTMLAttributes } from "react";
import { cn } from "~/lib/cn";

/**
 * A surface with the design system's border, radius and shadow; with `asChild`, its single
 * child (a `<form>`, a `<section>`) gets the look instead of a `<div>`.
 */
export function Card({
  className,
  asChild = false,
  ...props
}: HTMLAttributes<HTMLDivElement> & { asChild?: boolean }) {
  const Component = asChild ? Slot.Root : "div";
  return (
    <Component
      className={cn("rounded-xl border border-border bg-surface p-5 shadow-sm", className)}
      {...props}
    />
  );
}

/** The title line of a card (pass `asChild`-free: render the heading level the page needs). */
export function CardHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("mb-4 flex flex-col gap-1", className)} {...props} />;
}

export function CardFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn(
        "mt-5 flex flex-wrap items-center gap-3 border-t border-divider pt-4",
        className,
      )}
      {...props}
    />
  );
}
