import { useLanguageName, useT } from "~/lib/i18n";

export function SkillTags({ skills }: { skills: { slug: string; name: string }[] }) {
  const t = useT();
  if (skills.length === 0) return null;
  return (
    <ul className="tags" aria-label={t("web.mentors.skills")}>
      {skills.map((skill) => (
        <li key={skill.slug} className="tag">
          {skill.name}
        </li>
      ))}
    </ul>
  );
}

export function LanguageList({ languages }: { languages: string[] }) {
  const t = useT();
  const languageName = useLanguageName();
  if (languages.length === 0) return null;
  return (
    <p className="small">
      <span className="muted">{t("web.mentors.speaks")} </span>
      {languages.map(languageName).join(", ")}
    </p>
  );
}

export function PausedBadge() {
  const t = useT();
  return <span className="badge badge-warning">{t("web.mentors.paused")}</span>;
}
