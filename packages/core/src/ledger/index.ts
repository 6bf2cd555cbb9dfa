export { checkBalances } from "./check-balances.job.ts";
export { checkBalancesQueue } from "./check-balances.queue.ts";
export * from "./check-balances.ts";
export * from "./ledger.ts";
export * from "./mentor-earnings.ts";
export * from "./wallet.ts";
