import { ToggleGroup as ToggleGroupPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "~/lib/cn";

/**
 * A row of toggles, one or several pressed (Radix: arrow keys move, aria-pressed/checked).
 * Without JavaScript it does nothing: for a choice a form posts, render `SegmentedLinks` or
 * native radios styled with `toggleItemClass` instead.
 */
export function ToggleGroup({
  className,
  ...props
}: ComponentProps<typeof ToggleGroupPrimitive.Root>) {
  return (
    <ToggleGroupPrimitive.Root
      className={cn(
        "inline-flex flex-wrap items-center gap-1 rounded-lg border border-border bg-surface p-1",
        className,
      )}
      {...props}
    />
  );
}

export const toggleItemClass =
  "inline-flex min-h-8 cursor-pointer items-center justify-center rounded-md px-3 text-sm font-medium text-text no-underline hover:bg-surface-muted focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-focus data-[state=on]:bg-primary data-[state=on]:text-on-primary aria-[current=true]:bg-primary aria-[current=true]:text-on-primary";

export function ToggleGroupItem({
  className,
  ...props
}: ComponentProps<typeof ToggleGroupPrimitive.Item>) {
  return <ToggleGroupPrimitive.Item className={cn(toggleItemClass, className)} {...props} />;
}

/** The same look as links (each choice its own URL): works without JavaScript. */
export function SegmentedLinks({
  label,
  items,
}: {
  label: string;
  items: { href: string; label: string; current: boolean }[];
}) {
  return (
    <nav
      aria-label={label}
      className="inline-flex flex-wrap items-center gap-1 rounded-lg border border-border bg-surface p-1"
    >
      {items.map((item) => (
        <a
          key={item.href}
          href={item.href}
          className={toggleItemClass}
          aria-current={item.current ? "true" : undefined}
        >
          {item.label}
        </a>
      ))}
    </nav>
  );
}
