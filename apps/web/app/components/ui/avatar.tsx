import { Avatar as AvatarPrimitive } from "radix-ui";
import { cn } from "~/lib/cn";

const sizes = { sm: "size-8 text-xs", md: "size-10 text-sm", lg: "size-16 text-lg" } as const;

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
}

/**
 * A round picture with the person's initials behind it (shown while it loads, when it fails,
 * and without JavaScript under a picture that does not load).
 */
export function Avatar({
  src,
  name,
  size = "md",
  className,
}: {
  src?: string | null;
  /** The person's name: the image's alternative text and the initials. */
  name: string;
  size?: keyof typeof sizes;
  className?: string;
}) {
  return (
    <AvatarPrimitive.Root
      className={cn(
        "relative inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-primary-soft font-semibold text-info select-none",
        sizes[size],
        className,
      )}
    >
      {src ? (
        <AvatarPrimitive.Image src={src} alt={name} className="size-full object-cover" />
      ) : null}
      <AvatarPrimitive.Fallback delayMs={src ? 300 : 0}>
        <span aria-hidden={src ? true : undefined}>{initialsOf(name)}</span>
        {src ? null : <span className="sr-only">{name}</span>}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
