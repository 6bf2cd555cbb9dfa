import { maxAttachmentBytes } from "@mentora/core/messages";
import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { ErrorPage } from "~/components/error-page";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireSession } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useLiveRevalidate, useRealtime } from "~/lib/realtime";
import { trpc } from "~/lib/trpc.browser";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.messages.title");

/**
 * One page of the conversation (newest 30, `?before=<id>` for older ones). Viewing the latest
 * page is what a read receipt means: it marks the newest message read.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const before = new URL(request.url).searchParams.get("before") || undefined;
    const conversationId = params.id ?? "";
    const conversation = await input.caller.messages.get({ conversationId, cursor: before });
    const newest = conversation.messages[0];
    if (!before && newest && !newest.mine) {
      await input.caller.messages.markRead({ conversationId, messageId: newest.id });
    }
    return { conversation, before: before ?? null };
  });
}

/** `send` (multipart: text and an optional image; works without JavaScript) and `report`. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const { caller, ctx } = input;
    const conversationId = params.id ?? "";
    const form = await request.formData();
    const intent = formText(form, "intent");
    if (intent === "send") {
      const file = form.get("image");
      const image = file instanceof File && file.size > 0 ? file : null;
      if (image && image.size > maxAttachmentBytes) {
        return formFailure(ctx, intent, translate(ctx.locale, "errors.ATTACHMENT_TOO_LARGE"));
      }
      const attachment = image
        ? Buffer.from(await image.arrayBuffer()).toString("base64")
        : undefined;
      return attempt(ctx, intent, () =>
        caller.messages.send({
          conversationId,
          body: formText(form, "body"),
          ...(attachment ? { attachment } : {}),
          ...(form.get("toWholeSession") === "on" ? { toWholeSession: true } : {}),
        }),
      );
    }
    if (intent === "report") {
      const messageId = formText(form, "messageId");
      const reason = formText(form, "reason");
      return attempt(
        ctx,
        intent,
        () => caller.messages.report({ messageId, ...(reason ? { reason } : {}) }),
        messageId,
      );
    }
    return formFailure(ctx, intent, translate(ctx.locale, "errors.BAD_REQUEST"));
  });
}

const typingSignalEveryMs = 3_000;
const typingShownMs = 5_000;

export default function ConversationPage() {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const { conversation, before } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidate = useLiveRevalidate();
  const sendForm = useRef<HTMLFormElement>(null);
  const sending = navigation.state !== "idle" && navigation.formData?.get("intent") === "send";

  const [typing, setTyping] = useState(false);
  const lastTypingSignal = useRef(0);

  // Live: a message, a read receipt or a moderation decision in this conversation re-reads it;
  // "is typing" shows for a few seconds (or until their message arrives).
  useRealtime(["conversation", "conversation.typing"], (message) => {
    if (message.ref !== conversation.id) return;
    if (message.topic === "conversation.typing") {
      setTyping(true);
      return;
    }
    setTyping(false);
    revalidate();
  });
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(false), typingShownMs);
    return () => clearTimeout(timer);
  }, [typing]);

  /** At most one signal every few seconds while the person types; a failure is not worth a word. */
  function signalTyping() {
    const now = Date.now();
    if (now - lastTypingSignal.current < typingSignalEveryMs) return;
    lastTypingSignal.current = now;
    trpc()
      .messages.typing.mutate({ conversationId: conversation.id })
      .catch(() => undefined);
  }

  const sentOk = result?.ok && result.intent === "send";
  // Each successful send (a new action result, even a second one in a row) empties the form.
  useEffect(() => {
    if (result?.ok && result.intent === "send") sendForm.current?.reset();
  }, [result]);

  const others = conversation.participants.filter((p) => p.role !== conversation.myRole);
  const shown = [...conversation.messages].reverse();
  const sendFailure = result && !result.ok && result.intent === "send" ? result : null;

  return (
    <div className="container narrow-wide stack">
      <p>
        <Link to="/messages">
          <span aria-hidden="true">← </span>
          {t("web.messages.backToList")}
        </Link>
        {" · "}
        <Link to={`/bookings/${conversation.bookingId}`}>{t("web.messages.backToBooking")}</Link>
      </p>
      <h1 id="conversation-heading">
        {t("web.messages.conversationHeading", { title: conversation.title })}
      </h1>
      <p className="muted">
        {t("web.messages.with", { names: others.map((p) => p.name).join(", ") })} ·{" "}
        {t("web.messages.session", { date: formatDateTime(conversation.startsAt) })}
      </p>

      <section aria-labelledby="message-list-heading" className="card">
        <h2 id="message-list-heading" className="visually-hidden">
          {t("web.messages.messageList")}
        </h2>
        {conversation.nextCursor ? (
          <p>
            <Link to={`?before=${conversation.nextCursor}`}>{t("web.messages.older")}</Link>
          </p>
        ) : null}
        {shown.length === 0 ? (
          <p className="muted">{t("web.messages.noMessagesYet")}</p>
        ) : (
          <ol className="stack message-list" data-testid="message-list" aria-live="polite">
            {shown.map((message) => (
              <li
                key={message.id}
                className={message.mine ? "message message-mine" : "message"}
                data-message-id={message.id}
              >
                <p className="small muted">
                  {t("web.messages.by", {
                    name: message.mine ? t("web.messages.you") : message.senderName,
                    time: formatDateTime(message.createdAt),
                  })}
                </p>
                {message.hidden ? (
                  <p className="muted">
                    <em>{t("web.messages.hidden")}</em>
                  </p>
                ) : (
                  <>
                    {message.body ? (
                      <p className="prose message-body" data-testid="message-body">
                        {message.body}
                      </p>
                    ) : null}
                    {message.attachment ? (
                      <a href={message.attachment.url}>
                        <img
                          src={message.attachment.url}
                          width={message.attachment.width}
                          height={message.attachment.height}
                          alt={t("web.messages.imageAlt", {
                            name: message.mine ? t("web.messages.you") : message.senderName,
                          })}
                          loading="lazy"
                          style={{ maxWidth: "100%", height: "auto" }}
                        />
                      </a>
                    ) : null}
                    {message.attachment?.pending ? (
                      <p className="small muted" data-testid="image-pending">
                        {t("web.messages.imagePending")}
                      </p>
                    ) : null}
                    {message.attachmentBlocked ? (
                      <p className="small muted" data-testid="image-blocked">
                        {t("web.messages.imageBlocked")}
                      </p>
                    ) : null}
                  </>
                )}
                {message.mine ? (
                  <p className="small muted" data-testid="receipt">
                    {message.seen ? t("web.messages.seen") : t("web.messages.sent")}
                  </p>
                ) : message.hidden ? null : (
                  <details>
                    <summary className="small">{t("web.messages.report")}</summary>
                    <Form method="post" className="stack-tight">
                      <input type="hidden" name="intent" value="report" />
                      <input type="hidden" name="messageId" value={message.id} />
                      <div className="field">
                        <label htmlFor={`reason-${message.id}`}>
                          {t("web.messages.reportReason")}
                        </label>
                        <textarea
                          id={`reason-${message.id}`}
                          name="reason"
                          rows={2}
                          maxLength={500}
                        />
                      </div>
                      <div>
                        <button type="submit" className="button button-small button-secondary">
                          {t("web.messages.reportSubmit")}
                        </button>
                      </div>
                    </Form>
                    <StatusNotice
                      message={
                        result?.ok && result.intent === "report" && result.target === message.id
                          ? t("web.messages.reported")
                          : null
                      }
                    />
                    <ActionAlert
                      failure={result && !result.ok && result.target === message.id ? result : null}
                    />
                  </details>
                )}
              </li>
            ))}
          </ol>
        )}
        {before ? (
          <p>
            <Link to=".">{t("web.messages.newer")}</Link>
          </p>
        ) : null}
        <p className="small muted" aria-live="polite" data-testid="typing">
          {typing ? t("web.messages.typing", { name: others.map((p) => p.name).join(", ") }) : ""}
        </p>
      </section>

      {conversation.closesAt && conversation.canWrite ? (
        <p className="notice">
          {t("web.messages.closesOn", { date: formatDateTime(conversation.closesAt) })}
        </p>
      ) : null}
      {conversation.canWrite ? (
        <Form
          method="post"
          encType="multipart/form-data"
          className="card stack-tight"
          ref={sendForm}
          aria-labelledby="send-heading"
        >
          <h2 id="send-heading" className="visually-hidden">
            {t("web.messages.send")}
          </h2>
          <input type="hidden" name="intent" value="send" />
          <div className="field">
            <label htmlFor="message-body">{t("web.messages.yourMessage")}</label>
            <textarea
              id="message-body"
              name="body"
              rows={3}
              maxLength={4000}
              onInput={signalTyping}
              aria-describedby={sendFailure ? "send-error" : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="message-image">{t("web.messages.attach")}</label>
            <input
              id="message-image"
              name="image"
              type="file"
              accept="image/jpeg,image/png,image/webp"
            />
          </div>
          {conversation.canWriteToWholeSession ? (
            <div className="field">
              <label>
                <input type="checkbox" name="toWholeSession" /> {t("web.messages.toWholeSession")}
              </label>
            </div>
          ) : null}
          <ActionAlert failure={sendFailure} id="send-error" />
          <StatusNotice message={sentOk ? t("web.messages.sentNotice") : null} />
          <div>
            <button type="submit" className="button" disabled={sending}>
              {t("web.messages.send")}
            </button>
          </div>
        </Form>
      ) : (
        <p className="notice" data-testid="conversation-closed">
          {t("web.messages.closed")}
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
