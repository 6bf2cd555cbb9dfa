import { z } from "zod";
import { type Config, configSchema } from "./schema.ts";

export { type Config, configSchema, configVariableNames, DEV_AUTH_SECRET } from "./schema.ts";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses the environment once at start-up. A missing or malformed variable throws a ConfigError
 * whose message names every offending variable, so the process stops with one readable line.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "environment";
    const isMissing = issue.code === "invalid_type" && env[name] === undefined;
    return `${name} ${isMissing ? "is missing" : issue.message}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join("; ")}. See .env.example.`);
}

/** Same as loadConfig, for scripts: print the one-line reason and exit 1 instead of a stack. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof z.ZodError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
