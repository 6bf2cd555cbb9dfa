import { useT } from "~/lib/i18n";

const categories = [
  "sexual",
  "hate",
  "harassment",
  "violence",
  "self-harm",
  "profanity",
  "solicitation",
  "contact-details",
  "spam",
] as const;
const isCategory = (value: string): value is (typeof categories)[number] =>
  (categories as readonly string[]).includes(value);

type Notice = {
  id: string;
  subject: "PROFILE_TEXT" | "AVATAR" | "MENTOR_APPLICATION" | "MESSAGE";
  status: string;
  withheld: boolean;
  reasons: string[];
  note: string | null;
};

/** What moderation withholds or queues of the viewer's content, and why (issue #16). */
export function ModerationNotices({ notices }: { notices: readonly Notice[] }) {
  const t = useT();
  if (notices.length === 0) return null;
  return (
    <section
      className="alert alert-error"
      aria-labelledby="moderation-heading"
      data-testid="moderation-notices"
    >
      <h2 id="moderation-heading" className="h3">
        {t("web.moderationNotices.heading")}
      </h2>
      <p>{t("web.moderationNotices.intro")}</p>
      <ul>
        {notices.map((notice) => (
          <li key={notice.id}>
            <strong>{t(`web.moderationNotices.subject.${notice.subject}`)}</strong>
            {notice.reasons.length > 0
              ? `: ${notice.reasons
                  .filter(isCategory)
                  .map((category) => t(`web.moderationNotices.category.${category}`))
                  .join(" · ")}`
              : ""}
            {notice.status === "PENDING" ? ` ${t("web.moderationNotices.pending")}` : ""}
            {notice.note ? ` ${t("web.moderationNotices.note", { note: notice.note })}` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
