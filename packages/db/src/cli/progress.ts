/**
 * A progress bar on stderr: redrawn in place on a terminal, one line per step otherwise (CI
 * logs, pipes), so the output stays readable either way.
 */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
  width = 30,
): { update: (step: string, done: number, total: number) => void; finish: () => void } {
  const started = Date.now();
  let drawn = false;
  return {
    update(step, done, total) {
      const fraction = total > 0 ? Math.min(done / total, 1) : 1;
      const filled = Math.round(fraction * width);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${step} (${seconds} s)`;
      if (stream.isTTY) {
        stream.write(`\r${line.padEnd(stream.columns ? stream.columns - 1 : line.length)}`);
        drawn = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    finish() {
      if (drawn) stream.write("\n");
    },
  };
}
