import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { ErrorPage } from "~/components/error-page";
import { currencies, isCurrency } from "~/lib/currencies";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireMentor } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDuration, useFormatMoney, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { minorToInput, parseMoneyInput } from "~/lib/money";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.offerings.title");

const newRows = [0, 1, 2] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    return { offerings: await input.caller.offerings.list() };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireMentor(request, input);
    const { caller, ctx } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    const offeringId = formText(form, "offeringId");
    const badPrice = (target?: string) =>
      formFailure(ctx, intent, translate(ctx.locale, "web.offerings.badPrice"), target);

    switch (intent) {
      case "create": {
        const currency = formText(form, "currency");
        if (!isCurrency(currency)) return badPrice();
        const options: {
          durationMinutes: number;
          priceMinor: number;
          currency: typeof currency;
        }[] = [];
        for (const row of newRows) {
          const duration = formText(form, `duration-${row}`);
          const price = formText(form, `price-${row}`);
          if (!duration && !price) continue;
          const priceMinor = parseMoneyInput(price || "0", currency);
          if (priceMinor === null) return badPrice();
          options.push({ durationMinutes: Number(duration), priceMinor, currency });
        }
        const kind = formText(form, "kind") === "GROUP" ? "GROUP" : "ONE_TO_ONE";
        return attempt(ctx, "create", () =>
          caller.offerings.create({
            title: formText(form, "title"),
            description: formText(form, "description"),
            kind,
            ...(kind === "GROUP" ? { capacity: Number(formText(form, "capacity")) } : {}),
            options,
          }),
        );
      }
      case "prices": {
        const currency = formText(form, "currency");
        const prices: { optionId: string; priceMinor: number }[] = [];
        for (const [name, value] of form) {
          if (!name.startsWith("price:") || typeof value !== "string") continue;
          const priceMinor = parseMoneyInput(value, currency);
          if (priceMinor === null) return badPrice(offeringId);
          prices.push({ optionId: name.slice("price:".length), priceMinor });
        }
        return attempt(
          ctx,
          intent,
          () => caller.offerings.update({ offeringId, prices }),
          offeringId,
        );
      }
      case "addOption": {
        const currency = formText(form, "currency");
        const priceMinor = parseMoneyInput(formText(form, "price") || "0", currency);
        if (!isCurrency(currency) || priceMinor === null) return badPrice(offeringId);
        return attempt(
          ctx,
          intent,
          () =>
            caller.offerings.update({
              offeringId,
              addOptions: [
                { durationMinutes: Number(formText(form, "duration")), priceMinor, currency },
              ],
            }),
          offeringId,
        );
      }
      case "archiveOption":
        return attempt(
          ctx,
          intent,
          () =>
            caller.offerings.update({ offeringId, archiveOptionIds: [formText(form, "optionId")] }),
          offeringId,
        );
      case "archive":
        return attempt(ctx, intent, () => caller.offerings.archive({ offeringId }), offeringId);
      case "restore":
        return attempt(ctx, intent, () => caller.offerings.restore({ offeringId }), offeringId);
      default:
        return formFailure(ctx, intent, translate(ctx.locale, "errors.BAD_REQUEST"));
    }
  });
}

export default function MentorOfferings() {
  const t = useT();
  const formatMoney = useFormatMoney();
  const formatDuration = useFormatDuration();
  const { offerings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failureFor = (intent: string | null, target?: string) =>
    result &&
    !result.ok &&
    (intent === null || result.intent === intent) &&
    result.target === target
      ? result
      : null;
  const success = result?.ok
    ? t(
        `web.offerings.done.${result.intent as "create" | "prices" | "addOption" | "archiveOption" | "archive" | "restore"}`,
      )
    : null;

  return (
    <>
      <h1>{t("web.offerings.heading")}</h1>
      <p className="lead">{t("web.offerings.intro")}</p>
      <StatusNotice message={success} />
      {offerings.length === 0 ? <p className="card">{t("web.offerings.empty")}</p> : null}
      <ul className="offering-list">
        {offerings.map((offering) => {
          const live = offering.options.filter((option) => !option.archivedAt);
          const archived = offering.status === "ARCHIVED";
          return (
            <li
              key={offering.id}
              className={archived ? "card offering archived" : "card offering"}
              data-testid="my-offering"
            >
              <h2 className="h3">
                {offering.title}{" "}
                {archived ? (
                  <span className="badge badge-muted">{t("web.offerings.archived")}</span>
                ) : null}
              </h2>
              <p className="muted small">
                {offering.kind === "GROUP"
                  ? t("web.offerings.groupOf", { capacity: offering.capacity })
                  : t("web.offerings.oneToOne")}
              </p>
              {offering.description ? <p className="prose">{offering.description}</p> : null}
              <Form method="post" className="stack-tight">
                <input type="hidden" name="intent" value="prices" />
                <input type="hidden" name="offeringId" value={offering.id} />
                <input type="hidden" name="currency" value={offering.currency} />
                <table className="compact">
                  <caption className="visually-hidden">
                    {t("web.offerings.optionsOf", { title: offering.title })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("web.offerings.duration")}</th>
                      <th scope="col">
                        {t("web.offerings.priceIn", { currency: offering.currency })}
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">{t("web.offerings.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {live.map((option) => (
                      <tr key={option.id}>
                        <td>{formatDuration(option.durationMinutes)}</td>
                        <td>
                          <label htmlFor={`price-${option.id}`} className="visually-hidden">
                            {t("web.offerings.priceFor", {
                              duration: formatDuration(option.durationMinutes),
                            })}
                          </label>
                          <input
                            id={`price-${option.id}`}
                            name={`price:${option.id}`}
                            inputMode="decimal"
                            size={8}
                            defaultValue={minorToInput(option.priceMinor, option.currency)}
                            disabled={archived}
                          />{" "}
                          <span className="muted small">
                            {formatMoney(option.priceMinor, option.currency)}
                          </span>
                        </td>
                        <td>
                          {live.length > 1 && !archived ? (
                            <button
                              type="submit"
                              form={`archive-option-${option.id}`}
                              className="link-button"
                            >
                              {t("web.offerings.removeDuration", {
                                duration: formatDuration(option.durationMinutes),
                              })}
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {archived ? null : (
                  <div>
                    <button
                      type="submit"
                      className="button button-small button-secondary"
                      disabled={busy}
                    >
                      {t("web.offerings.savePrices")}
                    </button>
                  </div>
                )}
              </Form>
              {live.map((option) => (
                <Form key={option.id} method="post" id={`archive-option-${option.id}`} hidden>
                  <input type="hidden" name="intent" value="archiveOption" />
                  <input type="hidden" name="offeringId" value={offering.id} />
                  <input type="hidden" name="optionId" value={option.id} />
                </Form>
              ))}
              {archived ? null : (
                <details className="add-option">
                  <summary>{t("web.offerings.addDuration")}</summary>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="addOption" />
                    <input type="hidden" name="offeringId" value={offering.id} />
                    <input type="hidden" name="currency" value={offering.currency} />
                    <div className="field">
                      <label htmlFor={`add-duration-${offering.id}`}>
                        {t("web.offerings.durationMinutes")}
                      </label>
                      <input
                        id={`add-duration-${offering.id}`}
                        name="duration"
                        type="number"
                        min={5}
                        max={480}
                        step={5}
                        required
                      />
                    </div>
                    <div className="field">
                      <label htmlFor={`add-price-${offering.id}`}>
                        {t("web.offerings.priceIn", { currency: offering.currency })}
                      </label>
                      <input
                        id={`add-price-${offering.id}`}
                        name="price"
                        inputMode="decimal"
                        size={8}
                      />
                    </div>
                    <button type="submit" className="button button-small">
                      {t("web.offerings.add")}
                    </button>
                  </Form>
                </details>
              )}
              <ActionAlert failure={failureFor(null, offering.id)} />
              <Form method="post">
                <input type="hidden" name="intent" value={archived ? "restore" : "archive"} />
                <input type="hidden" name="offeringId" value={offering.id} />
                <button
                  type="submit"
                  className={archived ? "button button-small" : "link-button danger"}
                >
                  {archived ? t("web.offerings.restore") : t("web.offerings.archive")}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>

      <section className="card" aria-labelledby="new-offering-heading">
        <h2 id="new-offering-heading">{t("web.offerings.newHeading")}</h2>
        {/* A new key after each creation empties the form for the next one. */}
        <Form method="post" className="stack" key={offerings.length}>
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="offering-title">{t("web.offerings.titleLabel")}</label>
            <input id="offering-title" name="title" required minLength={3} maxLength={120} />
          </div>
          <div className="field">
            <label htmlFor="offering-description">{t("web.offerings.description")}</label>
            <textarea id="offering-description" name="description" rows={3} maxLength={4000} />
          </div>
          <div className="inline-fields">
            <div className="field">
              <label htmlFor="offering-kind">{t("web.offerings.kind")}</label>
              <select id="offering-kind" name="kind" defaultValue="ONE_TO_ONE">
                <option value="ONE_TO_ONE">{t("web.offerings.oneToOne")}</option>
                <option value="GROUP">{t("web.offerings.group")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="offering-capacity">{t("web.offerings.capacity")}</label>
              <input
                id="offering-capacity"
                name="capacity"
                type="number"
                min={2}
                max={49}
                defaultValue={6}
                aria-describedby="offering-capacity-hint"
              />
              <p id="offering-capacity-hint" className="hint">
                {t("web.offerings.capacityHint")}
              </p>
            </div>
            <div className="field">
              <label htmlFor="offering-currency">{t("web.mentors.currency")}</label>
              <select id="offering-currency" name="currency" defaultValue="EUR">
                {currencies.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <fieldset className="field">
            <legend>{t("web.offerings.durationsLegend")}</legend>
            <p className="hint">{t("web.offerings.durationsHint")}</p>
            {newRows.map((row) => (
              <div key={row} className="inline-fields">
                <div className="field">
                  <label htmlFor={`new-duration-${row}`}>
                    {t("web.offerings.durationN", { n: row + 1 })}
                  </label>
                  <input
                    id={`new-duration-${row}`}
                    name={`duration-${row}`}
                    type="number"
                    min={5}
                    max={480}
                    step={5}
                    required={row === 0}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`new-price-${row}`}>
                    {t("web.offerings.priceN", { n: row + 1 })}
                  </label>
                  <input
                    id={`new-price-${row}`}
                    name={`price-${row}`}
                    inputMode="decimal"
                    size={8}
                    placeholder="0"
                  />
                </div>
              </div>
            ))}
          </fieldset>
          <ActionAlert failure={failureFor("create", undefined)} />
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t("web.offerings.create")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
