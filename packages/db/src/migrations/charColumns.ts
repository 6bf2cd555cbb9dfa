import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import type pg from "pg";

// adapter-pg 7.10 cannot type Postgres's internal `"char"` (OID 18), which the schema engine's
// catalog queries return (pg_constraint.contype, pg_class.relkind...): "Column type 'char'
// could not be deserialized". Mapping it to Text is not enough (the engine then fails "Getting
// constraint_type as char"). So: pg reports those columns as text (OID 25), we remember which
// columns they were, keyed by the result's rows array (queries may run concurrently), and
// re-type them as Character in the adapter's results.
//
// Scoped to the migration tool's own pools: the application's Prisma client is untouched.

const charOid = 18;
const textOid = 25;
const charColumnsByRows = new WeakMap<unknown[], number[]>();

function retypeFields(result: pg.QueryResult | pg.QueryResult[] | undefined): void {
  for (const one of Array.isArray(result) ? result : result ? [result] : []) {
    const indexes: number[] = [];
    one.fields?.forEach((field, index) => {
      if (field.dataTypeID === charOid) {
        field.dataTypeID = textOid;
        indexes.push(index);
      }
    });
    if (indexes.length > 0) charColumnsByRows.set(one.rows, indexes);
  }
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Pool "connect" listener: every query on this client reports OID 18 columns as text. */
export function reportCharAsText(client: pg.PoolClient): void {
  const query = client.query.bind(client) as AnyFunction;
  const patched: AnyFunction = (...args) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      // pg-pool's own pool.query() uses the callback form.
      args[args.length - 1] = (error: unknown, result: pg.QueryResult) => {
        if (!error) retypeFields(result);
        callback(error, result);
      };
      return query(...args);
    }
    const pending = query(...args);
    if (pending instanceof Promise) {
      return pending.then((result: pg.QueryResult) => {
        retypeFields(result);
        return result;
      });
    }
    return pending;
  };
  client.query = patched as typeof client.query;
}

function retypeResult(result: SqlResultSet): SqlResultSet {
  const indexes = charColumnsByRows.get(result.rows);
  if (!indexes) return result;
  const columnTypes = [...result.columnTypes];
  for (const index of indexes) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...result, columnTypes };
}

function withCharTransaction(transaction: Transaction): Transaction {
  const wrapped: Transaction = Object.create(transaction);
  wrapped.queryRaw = async (query: SqlQuery) => retypeResult(await transaction.queryRaw(query));
  return wrapped;
}

/**
 * The adapter with `"char"` columns typed as Character, and with executeScript sending the
 * whole script as one simple query on one connection, as Prisma's native engine does: adapter-pg
 * splits scripts on every ";" (breaking string literals and function bodies) and runs the
 * pieces on whichever pool connection is free.
 */
export function withMigrationFixes(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  const wrapped: SqlDriverAdapter = Object.create(adapter);
  wrapped.queryRaw = async (query) => retypeResult(await adapter.queryRaw(query));
  wrapped.startTransaction = async (isolationLevel) =>
    withCharTransaction(await adapter.startTransaction(isolationLevel));
  wrapped.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  return wrapped;
}

function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") {
    return error;
  }
  const pgError = error as pg.DatabaseError;
  return new DriverAdapterError({
    kind: "postgres",
    code: pgError.code ?? "",
    severity: pgError.severity ?? "ERROR",
    message: pgError.message,
    detail: pgError.detail,
    column: pgError.column,
    hint: pgError.hint,
  });
}
