import { publicApiDocument } from "@mentora/core";
import { getServices } from "~/lib/services.server";

/** The OpenAPI 3.1 document of /api/v1, generated from the procedures once per process. */
export async function loader() {
  const services = await getServices();
  return Response.json(publicApiDocument(services.config.app.publicUrl), {
    headers: { "cache-control": "public, max-age=300" },
  });
}
