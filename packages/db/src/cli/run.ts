import { describeError } from "../errors.ts";

/**
 * Runs a CLI's main function: any failure becomes one line on stderr and exit code 1, never a
 * stack trace (DEBUG=mentora prints it, for whoever debugs the tool itself).
 */
export async function runCli(main: () => Promise<number | undefined>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    process.stderr.write(`error: ${describeError(error)}\n`);
    if (process.env.DEBUG?.includes("mentora") && error instanceof Error) {
      process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = 1;
  }
}

export function print(line = ""): void {
  process.stdout.write(`${line}\n`);
}
