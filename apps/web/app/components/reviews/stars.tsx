import { cn } from "~/lib/cn";
import { useT } from "~/lib/i18n";

/** A rating as five stars, read as "4 out of 5 stars" (the glyphs themselves are hidden). */
export function Stars({ value, className }: { value: number; className?: string }) {
  const t = useT();
  const whole = Math.round(value);
  return (
    <span
      role="img"
      aria-label={t("web.reviews.starsLabel", { stars: String(value) })}
      className={cn("inline-flex tracking-tight text-amber-700", className)}
    >
      <span aria-hidden="true">
        {"★".repeat(whole)}
        {"☆".repeat(5 - whole)}
      </span>
    </span>
  );
}
