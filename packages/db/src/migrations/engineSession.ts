import { readFile } from "node:fs/promises";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaFilter, SchemasContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { DbToolError } from "../errors.ts";
import { defaultSchemaPath } from "../paths.ts";
import { createMigrationAdapters } from "./adapterFactory.ts";
import { engineErrorMessage } from "./engineErrors.ts";
import { loadSchemaEngine, type SchemaEngine } from "./wasmEngine.ts";

export type EngineLog = (line: string) => void;

export type EngineSessionOptions = {
  databaseUrl: string;
  schemaPath?: string;
  /** Receives the engine's own log lines (JSON strings); ignored by default. */
  onEngineLog?: EngineLog;
};

export type EngineContext = {
  schema: SchemasContainer;
  filters: SchemaFilter;
  /** The one-line message for an error the engine threw in this session. */
  explain(error: unknown): string;
};

/**
 * Runs `fn` with a schema engine connected to `databaseUrl`, then frees the engine, closes its
 * pools and drops any shadow database it left. Engine errors come out as DbToolError with the
 * engine's user-facing message.
 */
export async function withSchemaEngine<T>(
  options: EngineSessionOptions,
  fn: (engine: SchemaEngine, context: EngineContext) => Promise<T>,
): Promise<T> {
  const schemaPath = path.resolve(options.schemaPath ?? defaultSchemaPath);
  const schemaText = await readFile(schemaPath, "utf8").catch((error: Error) => {
    throw new DbToolError(`cannot read the Prisma schema ${schemaPath}: ${error.message}`);
  });
  const { SchemaEngine } = await loadSchemaEngine();
  const adapters = createMigrationAdapters(options.databaseUrl);
  const factory = bindMigrationAwareSqlAdapterFactory(adapters.factory);
  const explain = (error: unknown) => engineErrorMessage(error, factory.errorRegistry);
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new(
      { datamodels: [[schemaPath, schemaText]] },
      options.onEngineLog ?? (() => {}),
      factory,
    );
    const context: EngineContext = {
      schema: { files: [{ path: schemaPath, content: schemaText }] },
      filters: { externalTables: [], externalEnums: [] },
      explain,
    };
    return await fn(engine, context);
  } catch (error) {
    if (error instanceof DbToolError) throw error;
    throw new DbToolError(explain(error), { cause: error });
  } finally {
    engine?.free();
    await adapters.close();
  }
}
