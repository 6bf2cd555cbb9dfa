import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/lib/i18n";

/** One column of an admin list: its header, how a row shows in it, and how it sorts (if it does). */
export interface Column<Row> {
  id: string;
  header: string;
  /** A header read by screen readers only (a column of checkboxes or buttons). */
  headerHidden?: boolean;
  cell: (row: Row) => ReactNode;
  /** Makes the column sortable: the value rows are ordered by. */
  sortValue?: (row: Row) => string | number | Date | null | undefined;
  /** The cell names its row (a `<th scope="row">`). */
  rowHeader?: boolean;
  className?: string;
}

interface DataTableProps<Row> {
  /** Says what the table lists; read by screen readers (shown when `captionVisible`). */
  caption: string;
  captionVisible?: boolean;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Extra attributes of a row (`data-*` the tests and scripts find rows by). */
  rowProps?: (row: Row) => Record<string, string | undefined>;
  /** Shown instead of the table when there is no row. */
  empty: ReactNode;
  testId?: string;
  /** The URL parameter holding this table's sort ("date" or "-date"); two tables need two. */
  sortParam?: string;
}

type Direction = "ascending" | "descending";

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

/** The sort a URL asks for, if it names a sortable column. */
export function readSort<Row>(
  search: string,
  columns: Column<Row>[],
  sortParam = "sort",
): { column: Column<Row>; direction: Direction } | null {
  const raw = new URLSearchParams(search).get(sortParam) ?? "";
  const descending = raw.startsWith("-");
  const id = descending ? raw.slice(1) : raw;
  const column = columns.find((entry) => entry.id === id && entry.sortValue);
  return column ? { column, direction: descending ? "descending" : "ascending" } : null;
}

/** Rows in the asked order (a stable sort: equal rows keep the server's order). */
export function sortRows<Row>(
  rows: Row[],
  sort: { column: Column<Row>; direction: Direction } | null,
): Row[] {
  const sortValue = sort?.column.sortValue;
  if (!sort || !sortValue) return rows;
  const sign = sort.direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row) }))
    .sort((a, b) => sign * compare(a.value, b.value) || a.index - b.index)
    .map((entry) => entry.row);
}

/**
 * An admin list as a table, from a column description. Sortable headers are links (keyboard
 * and no-JS friendly) that put the order in the URL; the sorted header carries `aria-sort`.
 * Sorting orders the rows of the page shown; paging stays the server's (newest first).
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const t = useT();
  const location = useLocation();
  const { columns, rows, rowKey, rowProps, sortParam = "sort" } = props;
  if (rows.length === 0) return <>{props.empty}</>;
  const sort = readSort(location.search, columns, sortParam);
  const sorted = sortRows(rows, sort);
  const sortHref = (column: Column<Row>) => {
    const params = new URLSearchParams(location.search);
    const ascending = sort?.column.id === column.id && sort.direction === "ascending";
    params.set(sortParam, ascending ? `-${column.id}` : column.id);
    return `${location.pathname}?${params}`;
  };
  return (
    <section
      aria-label={props.caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-border bg-surface shadow-card focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-focus"
    >
      <table data-testid={props.testId} className="w-full border-collapse">
        <caption
          className={
            props.captionVisible
              ? "table-caption px-4 pt-3 text-left font-semibold"
              : "visually-hidden"
          }
        >
          {props.caption}
          {sort ? (
            <span className="visually-hidden">
              {" "}
              {t(
                sort.direction === "ascending"
                  ? "web.admin.sortedAscending"
                  : "web.admin.sortedDescending",
                { column: sort.column.header },
              )}
            </span>
          ) : null}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const direction = sort?.column.id === column.id ? sort.direction : undefined;
              return (
                <th key={column.id} scope="col" aria-sort={direction}>
                  {column.headerHidden ? (
                    <span className="visually-hidden">{column.header}</span>
                  ) : column.sortValue ? (
                    <Link
                      to={sortHref(column)}
                      className="sort-link inline-flex items-center gap-1 text-muted hover:text-primary"
                      preventScrollReset
                    >
                      {column.header}
                      <span aria-hidden="true" className="sort-mark text-xs">
                        {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
                      </span>
                    </Link>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.id} scope="row" className={column.className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.id} className={column.className}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
