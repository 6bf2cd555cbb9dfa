import { Tooltip as TooltipPrimitive } from "radix-ui";
import type { ComponentProps, ReactElement, ReactNode } from "react";
import { cn } from "~/lib/cn";

/** Wrap the app (or a page) once: tooltips share its delay. */
export const TooltipProvider = TooltipPrimitive.Provider;

/**
 * A short hint on hover and keyboard focus (Radix). Never the only place of information: the
 * trigger keeps its own accessible name, and without JavaScript there is no tooltip.
 */
export function Tooltip({
  content,
  children,
  side = "top",
}: {
  content: ReactNode;
  children: ReactElement;
  side?: ComponentProps<typeof TooltipPrimitive.Content>["side"];
}) {
  return (
    <TooltipPrimitive.Root>
      <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
      <TooltipPrimitive.Portal>
        <TooltipPrimitive.Content
          side={side}
          sideOffset={6}
          className={cn(
            "z-50 max-w-xs rounded-md bg-text px-2.5 py-1.5 text-sm text-bg shadow-popover data-[state=delayed-open]:animate-fade-in",
          )}
        >
          {content}
          <TooltipPrimitive.Arrow className="fill-text" />
        </TooltipPrimitive.Content>
      </TooltipPrimitive.Portal>
    </TooltipPrimitive.Root>
  );
}
