import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "~/lib/cn";

/**
 * A table in a scrolling frame: wide tables scroll sideways on a phone, the page does not. The
 * frame is a named, focusable region so keyboard users can scroll it too (`label`: what the
 * table lists, usually its caption's text).
 */
export function Table({
  className,
  label,
  ...props
}: HTMLAttributes<HTMLTableElement> & { label: string }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-border bg-surface shadow-sm focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-focus"
    >
      <table className={cn("w-full border-collapse text-left text-base", className)} {...props} />
    </section>
  );
}

export function TableCaption({ className, ...props }: HTMLAttributes<HTMLTableCaptionElement>) {
  return <caption className={cn("px-4 py-2 text-left text-sm text-muted", className)} {...props} />;
}

export function TableHead({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn(
        "border-b border-divider bg-surface-muted px-4 py-3 text-sm font-semibold text-muted",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("border-b border-divider px-4 py-3 align-top", className)} {...props} />;
}
