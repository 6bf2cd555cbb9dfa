import type { MessageKey } from "@mentora/i18n";
import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useT } from "~/lib/i18n";
import { useRootData } from "~/lib/root-data";

interface ErrorBody {
  message?: unknown;
  requestId?: unknown;
}

function headingFor(status: number | undefined): MessageKey {
  switch (status) {
    case 404:
      return "web.errorPage.notFoundHeading";
    case 403:
      return "web.errorPage.forbiddenHeading";
    case 401:
      return "web.errorPage.unauthorizedHeading";
    default:
      return "web.errorPage.heading";
  }
}

/**
 * The friendly error page of every ErrorBoundary: a localized message and, when known, the
 * request id to quote to support. Never a stack or an internal message.
 */
export function ErrorPage({ error, headingId }: { error: unknown; headingId?: string }) {
  const t = useT();
  const root = useRootData();
  const status = isRouteErrorResponse(error) ? error.status : undefined;
  const body: ErrorBody =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data !== null
      ? (error.data as ErrorBody)
      : {};
  const message =
    status === 404 && typeof body.message !== "string"
      ? t("web.errorPage.notFound")
      : typeof body.message === "string" && body.message
        ? body.message
        : t("web.errorPage.generic");
  // The error's own request id; else, for a page rendered in one go, the root loader's.
  const requestId =
    typeof body.requestId === "string" && body.requestId
      ? body.requestId
      : isRouteErrorResponse(error)
        ? undefined
        : root?.requestId;
  return (
    <section className="card error-page" aria-labelledby={headingId ?? "error-heading"}>
      <h1 id={headingId ?? "error-heading"}>{t(headingFor(status))}</h1>
      <p>{message}</p>
      {requestId ? <p className="muted">{t("web.errorPage.requestId", { requestId })}</p> : null}
      <p className="actions">
        <Link to="/" className="button">
          {t("web.errorPage.goHome")}
        </Link>
      </p>
    </section>
  );
}
