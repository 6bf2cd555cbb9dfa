/** AI providers behind two contracts (issue #16): moderation and mentor matching. */
export * from "./contracts.ts";
