import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { cn } from "~/lib/cn";

export const navTabClass =
  "-mb-px inline-block whitespace-nowrap border-b-2 border-transparent px-3 py-2 font-semibold text-muted no-underline hover:text-text aria-[current=page]:border-primary aria-[current=page]:text-primary";

/**
 * A row of links styled as tabs (each its own URL, so it works without JavaScript): an area's
 * sub-navigation (admin, mentor area) or a page's views (upcoming/past).
 */
export function NavTabs({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <nav aria-label={label} className={cn("mb-6 border-b border-border", className)}>
      <ul className="m-0 flex list-none flex-wrap gap-x-1 p-0">{children}</ul>
    </nav>
  );
}

/** A tab to a route: current when the location is at it (`end`: and not below it). */
export function NavTab({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
  return (
    <li>
      <NavLink to={to} end={end} className={navTabClass}>
        {children}
      </NavLink>
    </li>
  );
}

/** A tab whose "current" the page decides (views told apart by the query string). */
export function LinkTab({
  to,
  current,
  children,
}: {
  to: string;
  current: boolean;
  children: ReactNode;
}) {
  return (
    <li>
      <Link to={to} className={navTabClass} aria-current={current ? "page" : undefined}>
        {children}
      </Link>
    </li>
  );
}
