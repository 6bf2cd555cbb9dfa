import { DbToolError } from "../errors.ts";
import type { Db } from "../index.ts";
import { demoUsers } from "./demoUsers.ts";
import { scaleEmailDomain } from "./scale.ts";

const firstAdmin = "create the first admin with `pnpm mentora admin:create --email <address>`";

/**
 * The demo seed prints a known admin password: never on a production database. Production is
 * NODE_ENV=production, or NODE_ENV unset (the default everywhere) on a database other than the
 * embedded development one.
 */
export function assertSeedEnvironment(env: { NODE_ENV?: string }, embedded: boolean): void {
  const nodeEnv = env.NODE_ENV || "production";
  if (nodeEnv === "production" && !(embedded && !env.NODE_ENV)) {
    throw new DbToolError(
      `refusing to seed demo accounts (known passwords) into a production database (NODE_ENV=${env.NODE_ENV ?? "unset, which means production"}): ${firstAdmin}. For a development database set NODE_ENV=development.`,
    );
  }
}

/**
 * Refuses a database where anyone other than the demo accounts (and the `--scale` users, who have
 * no password) has signed up.
 */
export async function assertOnlyDemoUsers(prisma: Db): Promise<void> {
  const others = await prisma.user.count({
    where: {
      email: { notIn: demoUsers.map((user) => user.email) },
      NOT: { email: { endsWith: `@${scaleEmailDomain}` } },
    },
  });
  if (others > 0) {
    throw new DbToolError(
      `refusing to seed demo accounts (known passwords) into a database with ${others} real user(s): the seed is for development databases only; ${firstAdmin}.`,
    );
  }
}
