import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useEffect } from "react";
import { Avatar } from "~/components/avatar";
import { BookingConfirm, type Selection } from "~/components/booking-confirm";
import { ErrorPage } from "~/components/error-page";
import { SlotPicker, type SlotWeek } from "~/components/slot-picker";
import { withAvatar } from "~/lib/avatars.server";
import {
  findSlot,
  holdFromForm,
  loadSlotWeek,
  slotFromUrl,
  weekFromUrl,
} from "~/lib/booking.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useDateFormats, useFormatDuration, useFormatMoney, useI18n, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.invitation.title");

/** An invitation link: what it offers, then the same slot picker and confirm form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const { caller, ctx } = input;
    const token = params.token ?? "";
    const invitation = await caller.invitations.preview({ token });
    const url = new URL(request.url);
    const { today, week } = weekFromUrl(url, ctx.timezone);
    const price = (option: { priceMinor: number; currency: string }) =>
      invitation.privatePrice ?? { priceMinor: option.priceMinor, currency: option.currency };
    const weeks: Record<string, SlotWeek> = {};
    await Promise.all(
      invitation.offering.options.map(async (option) => {
        weeks[option.id] = await loadSlotWeek(input, option.id, week);
      }),
    );
    let selection: Selection | null = null;
    const chosen = invitation.offering.options.find(
      (option) => option.id === url.searchParams.get("option"),
    );
    const start = slotFromUrl(url);
    if (chosen && start) {
      const slot = await findSlot(input, chosen.id, start);
      selection = {
        optionId: chosen.id,
        offeringTitle: invitation.offering.title,
        kind: invitation.offering.kind,
        durationMinutes: chosen.durationMinutes,
        ...price(chosen),
        start: start.toISOString(),
        seatsLeft: slot?.seatsLeft ?? null,
        available: slot !== null,
      };
    }
    return {
      token,
      invitation: { ...invitation, mentor: withAvatar(invitation.mentor, 256) },
      options: invitation.offering.options.map((option) => ({ ...option, ...price(option) })),
      today,
      weeks,
      selection,
      signedIn: Boolean(ctx.session),
      isSelf: ctx.session?.user.id === invitation.mentor.id,
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    return holdFromForm(request, input, await request.formData());
  });
}

export default function InvitationPage() {
  const t = useT();
  const { locale } = useI18n();
  const formats = useDateFormats();
  const formatMoney = useFormatMoney();
  const formatDuration = useFormatDuration();
  const { token, invitation, options, today, weeks, selection, signedIn, isSelf } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const pagePath = `/invitations/${encodeURIComponent(token)}`;
  const hrefFor = (optionId: string) => (slotStart: string) => {
    const target = `${pagePath}?option=${encodeURIComponent(optionId)}&slot=${encodeURIComponent(slotStart)}`;
    return signedIn ? `${target}#confirm` : `/sign-in?redirectTo=${encodeURIComponent(target)}`;
  };

  useEffect(() => {
    if (selection) document.getElementById("confirm-heading")?.focus();
  }, [selection]);

  return (
    <div className="container">
      <section className="card mentor-header" aria-labelledby="invitation-heading">
        <Avatar name={invitation.mentor.name} src={invitation.mentor.avatarUrl} size={96} />
        <div className="stack-tight">
          <p className="eyebrow">{t("web.invitation.eyebrow")}</p>
          <h1 id="invitation-heading">
            {t("web.invitation.heading", {
              name: invitation.mentor.name,
              title: invitation.offering.title,
            })}
          </h1>
          {invitation.offering.description ? (
            <p className="prose">{invitation.offering.description}</p>
          ) : null}
          <p className="small muted">
            {t("web.invitation.expires", { date: formats.longDate(invitation.expiresAt) })}
            {invitation.forSpecificEmail ? ` ${t("web.invitation.personal")}` : ""}
          </p>
          {invitation.privatePrice ? (
            <p>
              <span className="badge badge-success">{t("web.invitation.privatePrice")}</span>{" "}
              {formatMoney(invitation.privatePrice.priceMinor, invitation.privatePrice.currency)}
            </p>
          ) : null}
          <p>
            <Link to={`/mentors/${invitation.mentor.id}`}>
              {t("web.invitation.mentorPage", { name: invitation.mentor.name })}
            </Link>
          </p>
        </div>
      </section>

      {selection && signedIn && !isSelf ? (
        <BookingConfirm
          selection={selection}
          mentorName={invitation.mentor.name}
          skills={[]}
          invitationToken={token}
          failure={failure && !failure.ok ? failure : null}
          backHref={pagePath}
        />
      ) : null}

      <section aria-labelledby="times-heading" className="card">
        <h2 id="times-heading">{t("web.invitation.pickTime")}</h2>
        {!signedIn ? <p className="muted">{t("web.mentors.signInToBook")}</p> : null}
        {options.map((option) => {
          const week = weeks[option.id];
          return (
            <div key={option.id} className="option">
              <h3 className="option-title">
                {formatDuration(option.durationMinutes)} ·{" "}
                {formatMoney(option.priceMinor, option.currency)}
              </h3>
              {week && !isSelf ? (
                <SlotPicker
                  key={`${option.id}-${locale}`}
                  optionId={option.id}
                  label={`${invitation.offering.title} · ${formatDuration(option.durationMinutes)}`}
                  today={today}
                  initial={week}
                  hrefFor={hrefFor(option.id)}
                  selected={selection?.optionId === option.id ? selection.start : null}
                />
              ) : null}
            </div>
          );
        })}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container narrow">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
