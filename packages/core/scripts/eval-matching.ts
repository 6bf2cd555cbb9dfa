/**
 * `pnpm eval:matching` (issue #16): seeds a throwaway embedded Postgres with the demo data, runs
 * the 60 requests of src/matching/evaluation/set.ts through the product's ranking with the
 * configured provider (local by default: no key, no network), prints precision@3 and nDCG@5
 * overall and per language, and writes docs/evaluation.md (`--out <file>` to write elsewhere,
 * `--no-write` to only print).
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@mentora/db";
import { startEmbeddedPostgres } from "@mentora/db/embedded";
import { applyMigrations } from "@mentora/db/migrations";
import { seedDemoData } from "@mentora/db/seed";
import { createApp } from "../src/app/index.ts";
import { loadConfig } from "../src/config/index.ts";
import { createLogger } from "../src/logger/index.ts";
import { renderOutcomes, renderSummary, runEvaluation } from "../src/matching/evaluation/run.ts";
import { evaluationSet } from "../src/matching/evaluation/set.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const { values } = parseArgs({
  options: {
    out: { type: "string", default: path.join(root, "docs/evaluation.md") },
    "no-write": { type: "boolean", default: false },
  },
});

const notesMarker = "<!-- notes: kept by pnpm eval:matching -->";

const began = performance.now();
// os.tmpdir() is traversable by the "postgres" OS user even when a checkout is not.
const cluster = await startEmbeddedPostgres({
  dataDir: await mkdtemp(path.join(os.tmpdir(), "mentora-eval-pg-")),
  persistent: false,
});
try {
  await applyMigrations({ databaseUrl: cluster.url });
  const prisma = createPrismaClient({ connectionString: cluster.url });
  try {
    await seedDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }
  const env = {
    NODE_ENV: "test",
    // Silent unless asked: stopping the throwaway cluster drops idle connections, which the app logs.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    PUBLIC_URL: "http://localhost:3000",
    FILES_DIR: await mkdtemp(path.join(os.tmpdir(), "mentora-eval-files-")),
    ...(process.env.AI_PROVIDER ? { AI_PROVIDER: process.env.AI_PROVIDER } : {}),
  };
  const config = loadConfig({ ...process.env, ...env });
  const app = await createApp({
    config,
    databaseUrl: cluster.url,
    role: "web",
    logger: createLogger({ level: config.app.logLevel, name: "eval-matching" }),
    env: { ...process.env, ...env },
    importPackage: (name) => import(name),
  });
  try {
    // The requests are ranked for the featured mentee (never one of the candidates).
    const mentee = await app.prisma.user.findUniqueOrThrow({
      where: { email: "mentee2@mentora.test" },
      select: { id: true },
    });
    const ranking = performance.now();
    const result = await runEvaluation(app, mentee.id, evaluationSet);
    const perRequestMs = (performance.now() - ranking) / evaluationSet.length;
    const summary = renderSummary(result);
    process.stdout.write(
      `matching evaluation (${result.provider}): ${result.outcomes.length} requests, ${perRequestMs.toFixed(0)} ms per request, ${((performance.now() - began) / 1000).toFixed(1)} s in all\n${summary}\n`,
    );
    if (!values["no-write"]) {
      // The hand-written reading of the figures (below the marker) survives a re-run.
      const previous = await readFile(values.out, "utf8").catch(() => "");
      const notes = previous.includes(notesMarker)
        ? previous.slice(previous.indexOf(notesMarker))
        : `${notesMarker}\n`;
      await writeFile(
        values.out,
        [
          "# Matching evaluation",
          "",
          `Written by \`pnpm eval:matching\` (provider \`${result.provider}\`, ${new Date().toISOString().slice(0, 10)}): the ${result.outcomes.length} requests of`,
          "`packages/core/src/matching/evaluation/set.ts` (French, English, Spanish) ranked by the",
          "product's matching (`rankMentors`: language filter, full-text prescore, free slots, provider)",
          "over the demo directory (`pnpm db:seed`, 40 mentors), scored against the mentors a person would",
          "accept. Binary relevance; precision@3 counts three places even when fewer mentors are",
          "acceptable, so its ceiling (the best any ranking could reach) is given beside it; hit@3 is the",
          "share of requests with at least one acceptable mentor in the top three.",
          "",
          summary,
          "",
          "## Per request",
          "",
          "Mentors by their demo number (`mentorN@mentora.test`); accepted ones in bold.",
          "",
          renderOutcomes(result),
          "",
          notes,
        ].join("\n"),
      );
      process.stdout.write(`written to ${path.relative(root, values.out)}\n`);
    }
  } finally {
    await app.close();
  }
} finally {
  await cluster.stop();
}
