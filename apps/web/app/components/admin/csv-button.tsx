/**
 * A download of an admin list as CSV: a plain link to the list's CSV route with the same filters
 * (the CSV is written by the server; this only points at it).
 */
export function CsvButton({ href, label }: { href: string; label: string }) {
  return (
    <p className="actions">
      <a href={href} className="button button-secondary" download>
        {label}
      </a>
    </p>
  );
}
