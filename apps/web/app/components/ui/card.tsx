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
