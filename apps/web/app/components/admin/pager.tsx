import { Link } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { useT } from "~/lib/i18n";

interface PagerProps {
  /** The list's path and its filters ("?status=PAID" or ""), kept on every page. */
  path: string;
  query?: string;
  isFirstPage: boolean;
  nextCursor: string | null | undefined;
  /** The URL parameter that carries the cursor (two lists on one page need two). */
  cursorParam?: string;
}

/** Cursor paging of an admin list: back to the first page, or on to the next one. */
export function Pager({
  path,
  query = "",
  isFirstPage,
  nextCursor,
  cursorParam = "cursor",
}: PagerProps) {
  const t = useT();
  if (isFirstPage && !nextCursor) return null;
  const params = new URLSearchParams(query);
  params.delete(cursorParam);
  const first = params.size > 0 ? `${path}?${params}` : path;
  if (nextCursor) params.set(cursorParam, nextCursor);
  return (
    <nav className="mt-4 flex flex-wrap items-center gap-4" aria-label={t("web.admin.pagination")}>
      {isFirstPage ? null : <Link to={first}>{t("web.admin.firstPage")}</Link>}
      {nextCursor ? (
        <Button asChild variant="secondary">
          <Link to={`${path}?${params}`}>{t("web.admin.nextPage")}</Link>
        </Button>
      ) : null}
    </nav>
  );
}
