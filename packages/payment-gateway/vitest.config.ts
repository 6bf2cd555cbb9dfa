import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "payment-gateway", include: ["src/**/*.test.ts"] } });
