import { Separator as SeparatorPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "~/lib/cn";

/** A thin rule; `decorative` (the default) hides it from screen readers. */
export function Separator({
  className,
  orientation = "horizontal",
  decorative = true,
  ...props
}: ComponentProps<typeof SeparatorPrimitive.Root>) {
  return (
    <SeparatorPrimitive.Root
      orientation={orientation}
      decorative={decorative}
      className={cn(
        "shrink-0 bg-divider",
        orientation === "horizontal" ? "my-4 h-px w-full" : "mx-2 h-full w-px self-stretch",
        className,
      )}
      {...props}
    />
  );
}
