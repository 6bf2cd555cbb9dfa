import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const here = path.dirname(fileURLToPath(import.meta.url));

// `prisma generate` never runs the schema engine, but the CLI downloads it at start-up unless this
// points at an executable. Migrations go through our offline wasm tool (src/migrations).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(here, "scripts/no-schema-engine.sh");

export default defineConfig({
  schema: path.join(here, "../../prisma/schema.prisma"),
  migrations: { path: path.join(here, "../../prisma/migrations") },
  datasource: {
    // generate does not connect; a placeholder keeps it working with DATABASE_URL unset.
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/mentora",
  },
});
