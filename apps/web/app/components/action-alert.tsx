import { useT } from "~/lib/i18n";

interface Failure {
  message: string;
  requestId?: string;
}

/** An action's error, next to the action, announced to screen readers. */
export function ActionAlert({ failure, id }: { failure: Failure | null | undefined; id?: string }) {
  const t = useT();
  if (!failure) return null;
  return (
    <div className="alert alert-error" role="alert" id={id}>
      {failure.message}
      {failure.requestId ? (
        <span className="muted block small">
          {t("web.errorPage.requestId", { requestId: failure.requestId })}
        </span>
      ) : null}
    </div>
  );
}

/** A success notice (saved, cancelled…). */
export function StatusNotice({ message }: { message: string | null | undefined }) {
  return (
    <p role="status" className={message ? "alert alert-success" : "visually-hidden"}>
      {message ?? ""}
    </p>
  );
}
