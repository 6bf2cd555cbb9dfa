import { Tabs as TabsPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "~/lib/cn";

/**
 * Tabs (Radix: arrow keys move between tabs). Without JavaScript only the default tab's panel
 * is usable; where every panel must be reachable without it, use links to `?tab=` URLs
 * (see the `tabs` look in `TabLinks`).
 */
export const Tabs = TabsPrimitive.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof TabsPrimitive.List>) {
  return (
    <TabsPrimitive.List
      className={cn(
        "inline-flex flex-wrap items-center gap-1 rounded-lg bg-surface-muted p-1 text-muted",
        className,
      )}
      {...props}
    />
  );
}

export const tabClass =
  "inline-flex cursor-pointer items-center justify-center rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap no-underline text-muted hover:text-text focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-focus data-[state=active]:bg-surface data-[state=active]:text-text data-[state=active]:shadow-sm aria-[current=page]:bg-surface aria-[current=page]:text-text aria-[current=page]:shadow-sm";

export function TabsTrigger({ className, ...props }: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return <TabsPrimitive.Trigger className={cn(tabClass, className)} {...props} />;
}

export function TabsContent({ className, ...props }: ComponentProps<typeof TabsPrimitive.Content>) {
  return (
    <TabsPrimitive.Content
      className={cn(
        "mt-3 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-focus",
        className,
      )}
      {...props}
    />
  );
}

/** Tabs as links (each its own URL): the no-JavaScript form of tabs, with the same look. */
export function TabLinks({
  label,
  items,
}: {
  label: string;
  items: { href: string; label: string; current: boolean }[];
}) {
  return (
    <nav aria-label={label}>
      <ul className="inline-flex flex-wrap items-center gap-1 rounded-lg bg-surface-muted p-1">
        {items.map((item) => (
          <li key={item.href}>
            <a
              href={item.href}
              className={tabClass}
              aria-current={item.current ? "page" : undefined}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
