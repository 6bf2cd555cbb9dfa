import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type { Pool } from "pg";
export type {
  Account,
  OutboxEmail,
  Session,
  User,
  Verification,
} from "./generated/prisma/client.ts";
export { Prisma, PrismaClient, Role } from "./generated/prisma/client.ts";

/** The application's database handle. */
export type Db = PrismaClient;

export type PoolOptions = Omit<pg.PoolConfig, "connectionString"> & {
  /**
   * An idle connection failed (server restart, test database dropped): pg-pool has already
   * discarded it and the next query opens a new one. Without a listener it would crash the
   * process.
   */
  onIdleClientError?: (error: Error) => void;
};

/**
 * One pg.Pool for the whole process, shared by Prisma (`createPrismaClient({ pool })`) and
 * pg-boss (`executeSql: (text, values) => pool.query(text, values)`).
 */
export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const { onIdleClientError, ...config } = options;
  // allowExitOnIdle: an idle pool must not keep a finished process (or the web server) alive.
  const pool = new pg.Pool({ allowExitOnIdle: true, ...config, connectionString });
  pool.on("error", onIdleClientError ?? (() => {}));
  return pool;
}

export type PrismaClientSource = { connectionString: string } | { pool: pg.Pool };

/** A Prisma client over @prisma/adapter-pg (Prisma 7 has no Rust query engine). */
export function createPrismaClient(source: PrismaClientSource): Db {
  const adapter =
    "pool" in source
      ? new PrismaPg(source.pool)
      : new PrismaPg({ connectionString: source.connectionString, allowExitOnIdle: true });
  return new PrismaClient({ adapter });
}
