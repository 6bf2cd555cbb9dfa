import { Button } from "~/components/ui/button";

/**
 * A download of an admin list as CSV: a plain link to the list's CSV route with the same filters
 * (the CSV is written by the server; this only points at it).
 */
export function CsvButton({ href, label }: { href: string; label: string }) {
  return (
    <p className="mt-6 flex flex-wrap gap-3">
      <Button asChild variant="secondary">
        <a href={href} download>
          {label}
        </a>
      </Button>
    </p>
  );
}
