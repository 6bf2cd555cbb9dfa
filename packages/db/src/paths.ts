import path from "node:path";
import { fileURLToPath } from "node:url";

// Resolved from this file, not from process.cwd(): the CLIs run from the package directory
// (pnpm --filter), the repo root (pnpm dev) or a test worker, and must find the same files.
const packageRoot = fileURLToPath(new URL("../", import.meta.url));

export const repoRoot = path.resolve(packageRoot, "../..");
export const defaultSchemaPath = path.join(repoRoot, "prisma/schema.prisma");
export const defaultMigrationsDir = path.join(repoRoot, "prisma/migrations");
/** Data directory of the persistent dev cluster (gitignored `.data/`). */
export const devDataDir = path.join(repoRoot, ".data/postgres");
