import type { HTMLAttributes } from "react";
import { cn } from "~/lib/cn";

/** A surface with the design system's border, radius and shadow. */
export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
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
