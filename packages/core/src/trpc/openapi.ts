import { type Locale, negotiateLocale, translate } from "@mentora/i18n";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import {
  createOpenApiFetchHandler,
  generateOpenApiDocument,
  type OpenAPIObject,
} from "trpc-to-openapi";
import { createApiContext } from "../api-keys/index.ts";
import type { AppServices } from "../app/types.ts";
import { apiScopes } from "../contracts/index.ts";
import { AppError, appError } from "../errors/index.ts";
import { retryAfterOf } from "../rate-limits/index.ts";
import { type Context, requestIdFrom } from "./context.ts";
import { toUserFacingError, type UserFacingError } from "./error-shape.ts";
import type { Meta } from "./init.ts";
import { appRouter } from "./router.ts";

/** Where the public REST API is mounted (apps/web: /api/v1/*). */
export const publicApiBasePath = "/api/v1";

const documents = new Map<string, OpenAPIObject>();

/**
 * The OpenAPI 3.1 document of the public REST API, generated from the procedures that carry
 * `meta.openapi` (decision 052), once per process and base URL.
 */
export function publicApiDocument(publicUrl: string): OpenAPIObject {
  const cached = documents.get(publicUrl);
  if (cached) return cached;
  const document = generateOpenApiDocument(appRouter, {
    title: "Mentora API",
    version: "1.0.0",
    description: [
      "Read mentors, their offerings and free slots, and your own bookings and payments.",
      "Authenticate with an API key from your account page: `Authorization: Bearer <key>` (or `x-api-key: <key>`).",
      `Each key has scopes (${apiScopes.join(", ")}) and a rate limit; errors are \`{ "error": { "code", "message", "requestId", "httpStatus" } }\` with a stable code.`,
    ].join("\n\n"),
    baseUrl: new URL(publicApiBasePath, publicUrl).toString(),
    tags: ["mentors", "bookings", "payments"],
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "An API key (mnt_…)" },
      apiKeyHeader: { type: "apiKey", in: "header", name: "x-api-key" },
    },
  });
  // The scope each operation needs, from the procedures' meta: shown by the docs page.
  for (const procedure of Object.values(appRouter._def.procedures)) {
    const meta = (procedure as unknown as { _def: { meta?: Meta } })._def.meta;
    if (!meta?.openapi || !meta.apiScope) continue;
    const path = meta.openapi.path.replace(/\/$/, "");
    const operation = document.paths?.[path]?.[meta.openapi.method.toLowerCase() as "get"] as
      | Record<string, unknown>
      | undefined;
    if (operation) operation["x-mentora-scope"] = meta.apiScope;
  }
  documents.set(publicUrl, document);
  return document;
}

export interface ApiDocsOperation {
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string | null;
  parameters: { name: string; in: string; required: boolean; type: string; description: string }[];
  /** The 200 response's JSON schema, pretty-printed. */
  response: string;
  curl: string;
}

/** The document as the docs page (/api/docs) shows it: operations by tag, with a curl line. */
export function publicApiDocs(publicUrl: string): {
  baseUrl: string;
  tags: { name: string; operations: ApiDocsOperation[] }[];
} {
  const document = publicApiDocument(publicUrl);
  const baseUrl = document.servers?.[0]?.url ?? publicUrl;
  const byTag = new Map<string, ApiDocsOperation[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const operation = item?.[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((raw) => {
        const parameter = raw as {
          name: string;
          in: string;
          required?: boolean;
          description?: string;
          schema?: { type?: string | string[]; format?: string; enum?: unknown[] };
        };
        const schema = parameter.schema ?? {};
        const type = schema.enum
          ? schema.enum.join(" | ")
          : [schema.type ?? "string"].flat().join(" | ") +
            (schema.format ? ` (${schema.format})` : "");
        return {
          name: parameter.name,
          in: parameter.in,
          required: Boolean(parameter.required),
          type,
          description: parameter.description ?? "",
        };
      });
      const example = path.replace(/\{(\w+)\}/g, (_, name: string) => `<${name}>`);
      const query = parameters
        .filter((parameter) => parameter.in === "query" && parameter.required)
        .map((parameter) => `${parameter.name}=<${parameter.name}>`)
        .join("&");
      const response = (
        operation.responses?.["200"] as
          | { content?: Record<string, { schema?: unknown }> }
          | undefined
      )?.content?.["application/json"]?.schema;
      const entry: ApiDocsOperation = {
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description ?? "",
        scope: ((operation as Record<string, unknown>)["x-mentora-scope"] as string) ?? null,
        parameters,
        response: JSON.stringify(response ?? {}, null, 2),
        curl: `curl -H "Authorization: Bearer $MENTORA_API_KEY" "${baseUrl}${example}${query ? `?${query}` : ""}"`,
      };
      for (const tag of operation.tags ?? ["other"]) {
        byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
      }
    }
  }
  const order = document.tags?.map((tag) => tag.name) ?? [];
  const tags = [...byTag.entries()]
    .sort(([a], [b]) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0))
    .map(([name, operations]) => ({ name, operations }));
  return { baseUrl, tags };
}

/**
 * Answers one request of the public REST API (`/api/v1/*`): authenticated by its API key
 * (createApiContext: scopes, expiry, the Postgres rate limit), routed by trpc-to-openapi to the
 * procedure with that method and path, JSON out. Every error is
 * `{ error: { code, message, requestId, httpStatus, fieldErrors?, details? } }` with our stable
 * code (429 with Retry-After); never cached.
 */
export async function publicApiResponse(input: {
  services: AppServices;
  request: Request;
  clientAddress?: string | null;
}): Promise<Response> {
  const { services, request } = input;
  const resHeaders = new Headers({ "cache-control": "no-store" });
  let ctx: Context;
  try {
    ctx = await createApiContext({
      services,
      headers: request.headers,
      resHeaders,
      clientAddress: input.clientAddress,
    });
  } catch (error) {
    const locale = negotiateLocale({ acceptLanguage: request.headers.get("accept-language") });
    return errorResponse(error, { locale, requestId: requestIdFrom(request.headers) }, resHeaders);
  }
  const response = await createOpenApiFetchHandler({
    endpoint: publicApiBasePath,
    req: request,
    router: appRouter,
    createContext: () => Promise.resolve(ctx),
  });
  for (const [name, value] of resHeaders) response.headers.set(name, value);
  if (response.ok) return response;
  // trpc-to-openapi's error body carries our formatter's shape under `data`: keep only that.
  const body = (await response.json().catch(() => ({}))) as {
    message?: string;
    data?: Partial<UserFacingError> & { httpStatus?: number };
  };
  const error = {
    code: body.data?.code ?? "INTERNAL_SERVER_ERROR",
    message: body.message ?? "",
    requestId: body.data?.requestId ?? ctx.requestId,
    httpStatus: response.status,
    ...(body.data?.fieldErrors ? { fieldErrors: body.data.fieldErrors } : {}),
    ...(body.data?.details ? { details: body.data.details } : {}),
  };
  if (error.code === "VALIDATION_FAILED") {
    error.message = translate(ctx.locale, "errors.VALIDATION_FAILED");
  }
  return Response.json({ error }, { status: response.status, headers: response.headers });
}

function errorResponse(
  error: unknown,
  where: { locale: Locale; requestId: string },
  headers: Headers,
): Response {
  const trpcError =
    error instanceof AppError
      ? appError(error.code, error.details)
      : error instanceof TRPCError
        ? error
        : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
  const status = getHTTPStatusCodeFromError(trpcError);
  const seconds = retryAfterOf(error);
  if (seconds !== undefined) headers.set("retry-after", String(Math.ceil(seconds)));
  if (status === 401) headers.set("www-authenticate", 'Bearer realm="mentora-api"');
  const body = toUserFacingError(trpcError, where);
  return Response.json({ error: { ...body, httpStatus: status } }, { status, headers });
}
