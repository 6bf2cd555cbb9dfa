import { translate } from "@mentora/i18n";
import { attempt, formFailure } from "./guards.server";
import type { RequestCaller } from "./trpc.server";

/** Every timezone the runtime knows, for the profile's select. */
export function timeZoneList(current: string | null): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  if (current) zones.add(current);
  return [...zones].sort();
}

const maxAvatarBytes = 5 * 1024 * 1024;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** "TypeScript, code review" → ["TypeScript", "code review"]. */
export function splitList(value: string): string[] {
  return value
    .split(/[,;\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The profile editor's intents, shared by /mentor/profile and /mentor/apply: `profile` saves
 * the fields, `avatar` uploads a picture (multipart → base64 → profile.setAvatar),
 * `removeAvatar` goes back to initials. Returns the outcome for the page to show.
 */
export async function profileIntent(input: RequestCaller, form: FormData) {
  const { caller, ctx } = input;
  const intent = text(form, "intent");
  if (intent === "avatar") {
    const file = form.get("avatar");
    if (!(file instanceof File) || file.size === 0) {
      return formFailure(ctx, "avatar", translate(ctx.locale, "web.profile.avatarMissing"));
    }
    if (file.size > maxAvatarBytes) {
      return formFailure(ctx, "avatar", translate(ctx.locale, "errors.AVATAR_TOO_LARGE"));
    }
    const imageBase64 = Buffer.from(await file.arrayBuffer()).toString("base64");
    return attempt(ctx, "avatar", () => caller.profile.setAvatar({ imageBase64 }));
  }
  if (intent === "removeAvatar") {
    return attempt(ctx, "removeAvatar", () => caller.profile.removeAvatar());
  }
  const locale = text(form, "locale");
  const timezone = text(form, "timezone");
  return attempt(ctx, "profile", () =>
    caller.profile.update({
      name: text(form, "name"),
      headline: text(form, "headline"),
      bio: text(form, "bio"),
      skills: splitList(text(form, "skills")),
      languages: splitList(text(form, "languages").replace(/\s+/g, ",")).map((code) =>
        code.toLowerCase(),
      ),
      timezone: timezone || null,
      locale: locale === "en" || locale === "fr" ? locale : null,
    }),
  );
}
