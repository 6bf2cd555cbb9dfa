import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** What every slice may know of the whole start: production forbids development stand-ins. */
export interface ConfigContext {
  production: boolean;
}

type EnvShape = Record<string, z.ZodType>;

/**
 * One domain's part of the configuration: the environment variables it reads (names unchanged),
 * the rules across them, and the nested section it hands to the code. Composed in `schema.ts`.
 */
export interface ConfigSlice<Shape extends EnvShape, Section> {
  env: Shape;
  /**
   * Rules beyond each variable's shape (production requirements, pairs set together). Runs also
   * when some variable is malformed, so the one start-up message names every problem: values may
   * then be unparsed, so test presence only.
   */
  check?: (env: z.output<z.ZodObject<Shape>>, ctx: z.RefinementCtx, context: ConfigContext) => void;
  section: (env: z.output<z.ZodObject<Shape>>, context: ConfigContext) => Section;
}

/** Identity, for the types: a slice's check and section see its own variables, parsed. */
export const defineConfigSlice = <Shape extends EnvShape, Section>(
  slice: ConfigSlice<Shape, Section>,
): ConfigSlice<Shape, Section> => slice;

/** Adds a start-up problem naming the variable, as the one-line message reports it. */
export const configProblem = (ctx: z.RefinementCtx, name: string, message: string): void =>
  ctx.addIssue({ code: "custom", path: [name], message });

/** Unset and blank are the same: optional. */
export const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

/** A comma-separated list, blanks dropped. */
export const commaList = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");

/**
 * The monorepo root (the folder with pnpm-workspace.yaml) above this module, whether it runs from
 * source (worker, scripts) or bundled into the web build; else the working directory. Relative
 * paths resolve from it, so every process finds the same `.data/files`.
 */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
