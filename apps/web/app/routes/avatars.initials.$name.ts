import { initialsAvatarSvg } from "@mentora/core/avatars";
import type { LoaderFunctionArgs } from "@remix-run/node";

/**
 * `/avatars/initials/<name>.svg`: the initials picture of anyone without an avatar (or whose
 * avatar failed to load). Deterministic, so browsers may keep it a day.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const name = (params.name ?? "").replace(/\.svg$/i, "").slice(0, 200);
  return new Response(initialsAvatarSvg(name, 128), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
