import type { HTMLAttributes } from "react";
import { cn } from "~/lib/cn";

/** A grey placeholder where content is loading (hidden from screen readers: announce loading once, elsewhere). */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      aria-hidden="true"
      className={cn(
        "animate-pulse rounded-md bg-surface-muted motion-reduce:animate-none",
        className,
      )}
      {...props}
    />
  );
}
