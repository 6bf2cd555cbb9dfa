export * from "./ledger.ts";
export * from "./wallet.ts";
