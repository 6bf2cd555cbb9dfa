import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// Every process (the web server, the worker, the scripts) reads the configuration before
// anything else. Through the domains' front doors that import pulled in all of core: 2,664
// modules, better-auth, Twilio's SDK, the AWS SDK, ~2.7 s on a loaded machine (decision 066).
// Loaded in a fresh node, as the web server does, with a hook that lists every module loaded.
it("importing the configuration loads the config slices, not the domains behind them", () => {
  const configModule = new URL("./index.ts", import.meta.url).href;
  const script = `
    import { registerHooks } from "node:module";
    const loaded = [];
    registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
    const { loadConfig } = await import(${JSON.stringify(configModule)});
    loadConfig({ NODE_ENV: "development" });
    process.stdout.write(JSON.stringify(loaded));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: fileURLToPath(new URL(".", import.meta.url)),
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  expect(run.stderr).toBe("");
  const loaded = JSON.parse(run.stdout) as string[];
  const core = loaded
    .map((url) => /\/packages\/core\/src\/(.+)$/.exec(url)?.[1])
    .filter((file): file is string => Boolean(file));
  // The slices and their own parsing helpers, nothing that builds a service.
  expect(core.filter((file) => file.endsWith("/index.ts"))).toEqual(["config/index.ts"]);
  expect(core.filter((file) => !/^config\/|\/config\.ts$/.test(file)).sort()).toEqual([
    "client-ip/client-ip.ts",
    "rate-limits/policies.ts",
  ]);
  for (const heavy of ["better-auth", "twilio", "@aws-sdk", "pg-boss", "@prisma", "react"]) {
    expect(loaded.filter((url) => url.includes(`/node_modules/${heavy}`))).toEqual([]);
  }
  expect(loaded.length).toBeLessThan(200);
});
