import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { alertAdmins } from "../telemetry/index.ts";
import { checkBalancesQueue } from "./check-balances.queue.ts";
import {
  type BalanceMismatch,
  type EntryStampMismatch,
  findBalanceMismatches,
  findEntryStampMismatches,
} from "./check-balances.ts";

/** Accounts named in the alert's text; the log line carries every one. */
const listedInAlert = 20;

/**
 * Nightly: every account's stored balance (and every house account's balance shard) against the
 * sum of its entries. A mismatch means the balances were written around the ledger (a manual
 * UPDATE, a restore, a bug): admins are alerted with the accounts to correct; nothing is
 * repaired automatically, since which side is wrong needs a person (the entries are the truth
 * unless they were tampered with too).
 */
export const checkBalancesJob = defineHandler(
  checkBalancesQueue,
  async (_data, services: AppServices) => {
    await checkBalances(services);
    await checkEntryStamps(services);
  },
);

export async function checkBalances(
  services: Pick<AppServices, "prisma" | "boss" | "logger" | "config">,
): Promise<BalanceMismatch[]> {
  const mismatches = await findBalanceMismatches(services.prisma);
  if (mismatches.length === 0) {
    services.logger.info("ledger: every stored balance equals the sum of its entries");
    return mismatches;
  }
  services.logger.error({ mismatches }, "ledger: stored balances differ from their entries");
  const lines = mismatches
    .slice(0, listedInAlert)
    .map(
      (m) =>
        `${m.kind} ${m.owner || "(platform)"} ${m.currency} [${m.accountId}${m.shard === null ? "" : ` shard ${m.shard}`}]: stored ${m.storedMinor}, entries sum to ${m.summedMinor}`,
    );
  if (mismatches.length > listedInAlert) {
    lines.push(`… and ${mismatches.length - listedInAlert} more (see the worker's log)`);
  }
  await alertAdmins(services, {
    subject: "ledger balances differ from their entries",
    text: `${mismatches.length} ledger account(s) hold a stored balance that is not the sum of their entries:\n${lines.join("\n")}`,
  });
  return mismatches;
}

/**
 * Nightly, after the balances: every entry's copy of its transaction's time and kind (decision
 * 056). A mismatch skews the mentors' revenue dashboards; admins are alerted, nothing is repaired.
 */
export async function checkEntryStamps(
  services: Pick<AppServices, "prisma" | "boss" | "logger" | "config">,
): Promise<EntryStampMismatch[]> {
  const mismatches = await findEntryStampMismatches(services.prisma);
  if (mismatches.length === 0) {
    services.logger.info("ledger: every entry carries its transaction's time and kind");
    return mismatches;
  }
  services.logger.error(
    { mismatches },
    "ledger: entries differ from their transaction's time or kind",
  );
  await alertAdmins(services, {
    subject: "ledger entries differ from their transactions",
    text: `${mismatches.length === 100 ? "100 or more" : mismatches.length} ledger entries carry a time or kind that is not their transaction's (the revenue dashboards read them):\n${mismatches
      .slice(0, listedInAlert)
      .map((m) => `entry ${m.entryId} of transaction ${m.transactionId}`)
      .join("\n")}`,
  });
  return mismatches;
}
