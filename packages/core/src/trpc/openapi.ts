import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { apiScopes } from "../contracts/index.ts";
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
  documents.set(publicUrl, document);
  return document;
}
