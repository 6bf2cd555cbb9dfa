export * from "./ledger.ts";
export * from "./mentor-earnings.ts";
export * from "./wallet.ts";
