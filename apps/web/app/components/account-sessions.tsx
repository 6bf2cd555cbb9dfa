import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { type ClientError, clientError, trpc } from "~/lib/trpc.browser";
import { describeUserAgent } from "~/lib/user-agent";

export interface SessionRow {
  id: string;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
  expiresAt: Date;
  current: boolean;
}

type Status =
  | { state: "idle" }
  | { state: "revoking"; id: string }
  | { state: "revoked" }
  | ({ state: "error" } & ClientError);

/**
 * The viewer's signed-in devices. "Sign out this device" revokes another session through the
 * browser's tRPC client and refreshes the list in place; the current device signs out normally.
 */
export function AccountSessions({ initial }: { initial: SessionRow[] }) {
  const t = useT();
  const formatDate = useFormatDateTime();
  const [sessions, setSessions] = useState(initial);
  const [status, setStatus] = useState<Status>({ state: "idle" });

  // A revalidation (e.g. after saving preferences) brings a fresh list from the loader.
  useEffect(() => setSessions(initial), [initial]);

  async function refresh() {
    setSessions(await trpc().account.listSessions.query());
  }

  async function revoke(id: string) {
    setStatus({ state: "revoking", id });
    try {
      await trpc().account.revokeSession.mutate({ sessionId: id });
      await refresh();
      setStatus({ state: "revoked" });
    } catch (error) {
      setStatus({ state: "error", ...clientError(error, t("errors.INTERNAL_SERVER_ERROR")) });
    }
  }

  const others = sessions.filter((session) => !session.current);
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("web.account.sessions.heading")}</h2>
      <p className="muted">{t("web.account.sessions.intro")}</p>
      <ul className="session-list">
        {sessions.map((session) => (
          <li key={session.id} className="session" data-testid="session">
            <div>
              <p className="session-device">
                {describeUserAgent(session.userAgent) ?? t("web.account.sessions.unknownDevice")}
                {session.current ? (
                  <span className="badge">{t("web.account.sessions.current")}</span>
                ) : null}
              </p>
              <p className="muted small">
                {t("web.account.sessions.signedInAt", { date: formatDate(session.createdAt) })}
                {session.ipAddress
                  ? ` ${t("web.account.sessions.fromIp", { ip: session.ipAddress })}`
                  : ""}
              </p>
            </div>
            {session.current ? (
              <Form method="post" action="/sign-out">
                <button type="submit" className="button button-small button-secondary">
                  {t("web.layout.signOut")}
                </button>
              </Form>
            ) : (
              <button
                type="button"
                className="button button-small button-danger"
                disabled={status.state === "revoking"}
                onClick={() => void revoke(session.id)}
              >
                {status.state === "revoking" && status.id === session.id
                  ? t("web.account.sessions.revoking")
                  : t("web.account.sessions.revoke")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {others.length === 0 ? <p className="muted">{t("web.account.sessions.empty")}</p> : null}
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() =>
            void refresh().catch((error: unknown) =>
              setStatus({
                state: "error",
                ...clientError(error, t("errors.INTERNAL_SERVER_ERROR")),
              }),
            )
          }
        >
          {t("web.account.sessions.refresh")}
        </button>
      </p>
      <p role="status" className="status-text">
        {status.state === "revoked" ? t("web.account.sessions.revoked") : null}
      </p>
      {status.state === "error" ? (
        <div className="alert alert-error" role="alert">
          {status.message}
          {status.requestId ? (
            <span className="muted block">
              {t("web.errorPage.requestId", { requestId: status.requestId })}
            </span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
