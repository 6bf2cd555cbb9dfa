import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "gateway-paypal", include: ["src/**/*.test.ts"], testTimeout: 30000 },
});
