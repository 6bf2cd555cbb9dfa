import { describe, expect, it } from "vitest";
import { loader } from "../routes/krisp.$.ts";

const get = (file: string) =>
  loader({
    params: { "*": file },
    request: new Request("http://x"),
    context: { clientAddress: "127.0.0.1", cspNonce: "" },
  });

describe("/krisp/* (noise cancellation assets from the npm package)", () => {
  it("serves the SDK module and its weights with their types", async () => {
    const sdk = await get("krispsdk.mjs");
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await sdk.text()).length).toBeGreaterThan(1_000);
    const weights = await get("weights/model_8.kw");
    expect(weights.status).toBe(200);
    expect(weights.headers.get("content-type")).toBe("application/octet-stream");
  });

  it("serves nothing outside the package's dist folder", async () => {
    for (const file of [
      "../package.json",
      "../../twilio-video/package.json",
      "weights",
      "nope.js",
    ]) {
      expect((await get(file)).status).toBe(404);
    }
  });
});
