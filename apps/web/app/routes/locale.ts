import { safeRedirectPath } from "@mentora/core";
import { isLocale } from "@mentora/i18n";
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { assertSameOrigin, localeCookie } from "~/lib/http.server";
import { getCaller } from "~/lib/trpc.server";

/** The anonymous language switcher: remembers the choice in a cookie and goes back. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { ctx } = await getCaller({ request, context });
  assertSameOrigin(request, ctx);
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirectPath(form.get("redirectTo"), "/");
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, {
    headers: { "set-cookie": localeCookie(locale, ctx.services.config.app.publicUrl) },
  });
}

export function loader() {
  return redirect("/");
}
