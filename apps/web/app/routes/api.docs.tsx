import { publicApiDocs } from "@mentora/core";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { getServices } from "~/lib/services.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.apiDocs.title");

/** The REST API's reference, rendered on the server from /api/openapi.json (decision 052). */
export async function loader() {
  const services = await getServices();
  return publicApiDocs(services.config.app.publicUrl);
}

// Long lines wrap on a phone instead of widening the page (no CSS block of our own: #18).
const wrapped = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

export default function ApiDocsPage() {
  const t = useT();
  const { baseUrl, tags } = useLoaderData<typeof loader>();
  return (
    <div className="container stack">
      <h1>{t("web.apiDocs.heading")}</h1>
      <p>{t("web.apiDocs.intro")}</p>
      <p>
        <a href="/api/openapi.json">{t("web.apiDocs.document")}</a> ·{" "}
        <Link to="/account#api-keys-heading">{t("web.apiDocs.manageKeys")}</Link>
      </p>
      <section className="card" aria-labelledby="api-basics-heading">
        <h2 id="api-basics-heading">{t("web.apiDocs.authentication")}</h2>
        <p>
          {t("web.apiDocs.baseUrl")}: <code>{baseUrl}</code>
        </p>
        <p>{t("web.apiDocs.authenticationText")}</p>
        <h3>{t("web.apiDocs.errors")}</h3>
        <p>{t("web.apiDocs.errorsText")}</p>
      </section>
      {tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`api-tag-${tag.name}`} className="stack">
          <h2 id={`api-tag-${tag.name}`}>{tag.name}</h2>
          {tag.operations.map((operation) => (
            <article
              key={`${operation.method} ${operation.path}`}
              className="card"
              data-testid="api-operation"
            >
              <h3>
                <code>
                  {operation.method} {operation.path}
                </code>
              </h3>
              <p>{operation.summary}</p>
              {operation.description ? <p className="muted">{operation.description}</p> : null}
              {operation.scope ? (
                <p>
                  {t("web.apiDocs.scope")}: <code>{operation.scope}</code>
                </p>
              ) : null}
              {operation.parameters.length > 0 ? (
                <div className="table-wrap">
                  <table>
                    <caption>{t("web.apiDocs.parameters")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("web.apiDocs.parameter")}</th>
                        <th scope="col">{t("web.apiDocs.where")}</th>
                        <th scope="col">{t("web.apiDocs.type")}</th>
                        <th scope="col">{t("web.apiDocs.required")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {operation.parameters.map((parameter) => (
                        <tr key={`${parameter.in}:${parameter.name}`}>
                          <td>
                            <code>{parameter.name}</code>
                          </td>
                          <td>{parameter.in}</td>
                          <td>{parameter.type}</td>
                          <td>{parameter.required ? t("web.apiDocs.yes") : t("web.apiDocs.no")}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              <h4>{t("web.apiDocs.example")}</h4>
              <pre style={wrapped}>
                <code>{operation.curl}</code>
              </pre>
              <details>
                <summary>{t("web.apiDocs.response")}</summary>
                <pre style={wrapped}>
                  <code>{operation.response}</code>
                </pre>
              </details>
            </article>
          ))}
        </section>
      ))}
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
