import { locales } from "@mentora/i18n";
import { Form, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { Avatar } from "~/components/avatar";
import { useLanguageName, useT } from "~/lib/i18n";

export interface EditableProfile {
  id: string;
  name: string;
  headline: string | null;
  bio: string | null;
  languages: string[];
  timezone: string | null;
  locale: string | null;
  skills: { slug: string; name: string }[];
  avatarUrl: string | null;
}

export interface ProfileOutcome {
  ok: boolean;
  intent: string;
  message?: string;
  requestId?: string;
  fieldErrors?: Record<string, string[]>;
}

const fields = ["name", "headline", "bio", "skills", "languages", "timezone", "locale"] as const;
type Field = (typeof fields)[number];

/** Which fields the server refused ("languages.1" → languages). */
function invalidFields(outcome: ProfileOutcome | undefined): Set<Field> {
  const invalid = new Set<Field>();
  for (const path of Object.keys(outcome?.fieldErrors ?? {})) {
    const field = path.split(".")[0] as Field;
    if ((fields as readonly string[]).includes(field)) invalid.add(field);
  }
  return invalid;
}

/** The profile a mentor's public page shows, and the picture; saved through form actions. */
export function ProfileForm({
  profile,
  timeZones,
  outcome,
}: {
  profile: EditableProfile;
  timeZones: string[];
  outcome?: ProfileOutcome;
}) {
  const t = useT();
  const languageName = useLanguageName();
  const navigation = useNavigation();
  const busyIntent =
    navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : null;
  const invalid = invalidFields(outcome?.intent === "profile" ? outcome : undefined);
  const describe = (field: Field, hint?: boolean) =>
    [hint ? `profile-${field}-hint` : null, invalid.has(field) ? `profile-${field}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  const fieldError = (field: Field) =>
    invalid.has(field) ? (
      <p id={`profile-${field}-error`} className="field-error">
        {t(`web.profile.invalid.${field}`)}
      </p>
    ) : null;
  const cls = (field: Field) => (invalid.has(field) ? "field field-invalid" : "field");
  const saved = (intent: string) => outcome?.ok === true && outcome.intent === intent;

  return (
    <div className="stack">
      <section className="card" aria-labelledby="avatar-heading">
        <h2 id="avatar-heading">{t("web.profile.avatarHeading")}</h2>
        <div className="avatar-editor">
          <Avatar name={profile.name} src={profile.avatarUrl} size={96} />
          <div className="stack-tight">
            <Form method="post" encType="multipart/form-data" className="stack-tight">
              <input type="hidden" name="intent" value="avatar" />
              <div className="field">
                <label htmlFor="profile-avatar">{t("web.profile.avatarLabel")}</label>
                <p id="profile-avatar-hint" className="hint">
                  {t("web.profile.avatarHint")}
                </p>
                <input
                  id="profile-avatar"
                  name="avatar"
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  aria-describedby="profile-avatar-hint"
                />
              </div>
              <div>
                <button
                  type="submit"
                  className="button button-small"
                  disabled={busyIntent === "avatar"}
                >
                  {busyIntent === "avatar" ? t("web.form.submitting") : t("web.profile.upload")}
                </button>
              </div>
            </Form>
            {profile.avatarUrl ? (
              <Form method="post">
                <input type="hidden" name="intent" value="removeAvatar" />
                <button type="submit" className="link-button">
                  {t("web.profile.removeAvatar")}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
        {outcome &&
        !outcome.ok &&
        (outcome.intent === "avatar" || outcome.intent === "removeAvatar") ? (
          <ActionAlert failure={{ message: outcome.message ?? "", requestId: outcome.requestId }} />
        ) : null}
        <StatusNotice
          message={
            saved("avatar")
              ? t("web.profile.avatarSaved")
              : saved("removeAvatar")
                ? t("web.profile.avatarRemoved")
                : null
          }
        />
      </section>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("web.profile.heading")}</h2>
        <p className="muted">{t("web.profile.intro")}</p>
        <Form method="post" className="stack" key={profile.id}>
          <input type="hidden" name="intent" value="profile" />
          <div className={cls("name")}>
            <label htmlFor="profile-name">{t("web.profile.name")}</label>
            <input
              id="profile-name"
              name="name"
              defaultValue={profile.name}
              required
              maxLength={100}
              autoComplete="name"
              aria-invalid={invalid.has("name") || undefined}
              aria-describedby={describe("name")}
            />
            {fieldError("name")}
          </div>
          <div className={cls("headline")}>
            <label htmlFor="profile-headline">{t("web.profile.headline")}</label>
            <p id="profile-headline-hint" className="hint">
              {t("web.profile.headlineHint")}
            </p>
            <input
              id="profile-headline"
              name="headline"
              defaultValue={profile.headline ?? ""}
              maxLength={120}
              aria-invalid={invalid.has("headline") || undefined}
              aria-describedby={describe("headline", true)}
            />
            {fieldError("headline")}
          </div>
          <div className={cls("bio")}>
            <label htmlFor="profile-bio">{t("web.profile.bio")}</label>
            <textarea
              id="profile-bio"
              name="bio"
              rows={6}
              defaultValue={profile.bio ?? ""}
              maxLength={4000}
              aria-invalid={invalid.has("bio") || undefined}
              aria-describedby={describe("bio")}
            />
            {fieldError("bio")}
          </div>
          <div className={cls("skills")}>
            <label htmlFor="profile-skills">{t("web.profile.skills")}</label>
            <p id="profile-skills-hint" className="hint">
              {t("web.profile.skillsHint")}
            </p>
            <input
              id="profile-skills"
              name="skills"
              defaultValue={profile.skills.map((skill) => skill.name).join(", ")}
              aria-invalid={invalid.has("skills") || undefined}
              aria-describedby={describe("skills", true)}
            />
            {fieldError("skills")}
          </div>
          <div className={cls("languages")}>
            <label htmlFor="profile-languages">{t("web.profile.languages")}</label>
            <p id="profile-languages-hint" className="hint">
              {t("web.profile.languagesHint")}
              {profile.languages.length > 0
                ? ` ${t("web.profile.languagesNow", { languages: profile.languages.map(languageName).join(", ") })}`
                : ""}
            </p>
            <input
              id="profile-languages"
              name="languages"
              defaultValue={profile.languages.join(", ")}
              aria-invalid={invalid.has("languages") || undefined}
              aria-describedby={describe("languages", true)}
            />
            {fieldError("languages")}
          </div>
          <div className={cls("timezone")}>
            <label htmlFor="profile-timezone">{t("web.profile.timezone")}</label>
            <p id="profile-timezone-hint" className="hint">
              {t("web.profile.timezoneHint")}
            </p>
            <select
              id="profile-timezone"
              name="timezone"
              defaultValue={profile.timezone ?? ""}
              aria-describedby={describe("timezone", true)}
            >
              <option value="">{t("web.account.preferences.followBrowser")}</option>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </select>
            {fieldError("timezone")}
          </div>
          <div className="field">
            <label htmlFor="profile-locale">{t("web.account.preferences.language")}</label>
            <select id="profile-locale" name="locale" defaultValue={profile.locale ?? ""}>
              <option value="">{t("web.account.preferences.followBrowser")}</option>
              {locales.map((code) => (
                <option key={code} value={code} lang={code}>
                  {t(`web.languages.${code}`)}
                </option>
              ))}
            </select>
          </div>
          {outcome && !outcome.ok && outcome.intent === "profile" ? (
            <ActionAlert
              failure={{ message: outcome.message ?? "", requestId: outcome.requestId }}
            />
          ) : null}
          <StatusNotice message={saved("profile") ? t("web.profile.saved") : null} />
          <div>
            <button type="submit" className="button" disabled={busyIntent === "profile"}>
              {busyIntent === "profile" ? t("web.form.submitting") : t("web.profile.save")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

/** What a mentor application still needs (the same rule as core's missingProfileFields). */
export function missingFields(profile: EditableProfile): string[] {
  const missing: string[] = [];
  if (!profile.headline?.trim()) missing.push("headline");
  if (!profile.bio?.trim()) missing.push("bio");
  if (profile.skills.length === 0) missing.push("skills");
  if (profile.languages.length === 0) missing.push("languages");
  if (!profile.timezone) missing.push("timezone");
  return missing;
}
