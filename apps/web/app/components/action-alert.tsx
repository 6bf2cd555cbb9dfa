import { Alert } from "~/components/ui/alert";
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
    <Alert tone="danger" role="alert" id={id}>
      {failure.message}
      {failure.requestId ? (
        <span className="block text-sm text-muted">
          {t("web.errorPage.requestId", { requestId: failure.requestId })}
        </span>
      ) : null}
    </Alert>
  );
}

/** A success notice (saved, cancelled…). */
export function StatusNotice({ message }: { message: string | null | undefined }) {
  return (
    <Alert
      role="status"
      tone="success"
      className={message ? undefined : "sr-only m-0 border-0 p-0"}
    >
      {message ?? ""}
    </Alert>
  );
}
