import { hasMessage, translate } from "@mentora/i18n";
import { describe, expect, it } from "vitest";
import { appError, errorCatalog, errorCodeOf } from "./index.ts";

describe("error catalogue", () => {
  it.each(Object.keys(errorCatalog))("%s has a message in English and French", (code) => {
    const key = `errors.${code}`;
    expect(hasMessage(key)).toBe(true);
    if (hasMessage(key)) expect(translate("fr", key)).not.toBe(translate("en", key));
  });

  it("carries the stable code through the tRPC error", () => {
    const error = appError("SLOT_TAKEN", { startsAt: "2026-12-01T09:00:00Z" });
    expect(error.code).toBe("CONFLICT");
    expect(errorCodeOf(error)).toBe("SLOT_TAKEN");
    expect(errorCodeOf(new Error("x"))).toBeUndefined();
  });
});
