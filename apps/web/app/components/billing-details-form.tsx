import { Form, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { useT } from "~/lib/i18n";

export interface BillingDetailsValues {
  name: string | null;
  addressLines: string[];
  country: string | null;
  vatNumber: string | null;
  isBusiness: boolean;
  siren: string | null;
  siret: string | null;
}

/**
 * The billing details printed on the user's next invoices; posts to the account page's action
 * (intent "billing"). Issued invoices keep the details they were issued with.
 */
export function BillingDetailsForm({
  values,
  failure,
  saved,
}: {
  values: BillingDetailsValues;
  failure: { message: string; requestId?: string } | null;
  saved: boolean;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "billing";
  return (
    <section className="card" aria-labelledby="billing-heading">
      <h2 id="billing-heading">{t("web.invoices.billing.heading")}</h2>
      <p className="muted">{t("web.invoices.billing.intro")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="billing" />
        <div className="field">
          <label htmlFor="billing-name">{t("web.invoices.billing.name")}</label>
          <input id="billing-name" name="name" maxLength={200} defaultValue={values.name ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="billing-address">{t("web.invoices.billing.address")}</label>
          <textarea
            id="billing-address"
            name="address"
            rows={3}
            maxLength={1000}
            defaultValue={values.addressLines.join("\n")}
          />
        </div>
        <div className="field">
          <label htmlFor="billing-country">{t("web.invoices.billing.country")}</label>
          <input
            id="billing-country"
            name="country"
            maxLength={2}
            autoComplete="country"
            defaultValue={values.country ?? ""}
          />
        </div>
        <div className="field">
          <label htmlFor="billing-vat">{t("web.invoices.billing.vatNumber")}</label>
          <input
            id="billing-vat"
            name="vatNumber"
            maxLength={20}
            defaultValue={values.vatNumber ?? ""}
          />
        </div>
        <p id="billing-company-ids-hint" className="small muted">
          {t("web.invoices.billing.companyIdsHint")}
        </p>
        <div className="field">
          <label htmlFor="billing-siren">{t("web.invoices.billing.siren")}</label>
          <input
            id="billing-siren"
            name="siren"
            inputMode="numeric"
            maxLength={20}
            aria-describedby="billing-company-ids-hint"
            defaultValue={values.siren ?? ""}
          />
        </div>
        <div className="field">
          <label htmlFor="billing-siret">{t("web.invoices.billing.siret")}</label>
          <input
            id="billing-siret"
            name="siret"
            inputMode="numeric"
            maxLength={30}
            aria-describedby="billing-company-ids-hint"
            defaultValue={values.siret ?? ""}
          />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="isBusiness" defaultChecked={values.isBusiness} />{" "}
            {t("web.invoices.billing.isBusiness")}
          </label>
        </div>
        <ActionAlert failure={failure} />
        <StatusNotice message={saved ? t("web.invoices.billing.saved") : null} />
        <div className="form-footer">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("web.form.submitting") : t("web.invoices.billing.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}
