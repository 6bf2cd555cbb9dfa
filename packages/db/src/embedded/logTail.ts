/** Keeps the last lines Postgres printed, to explain a failure without a log file. */
export class LogTail {
  readonly #lines: string[] = [];
  readonly #max: number;

  constructor(max = 30) {
    this.#max = max;
  }

  push(message: unknown): void {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      this.#lines.push(trimmed);
      if (this.#lines.length > this.#max) this.#lines.shift();
    }
  }

  includes(fragment: string): boolean {
    return this.#lines.some((line) => line.includes(fragment));
  }

  /** The most telling lines on one line: errors and fatals first, else the last few. */
  summary(count = 4): string {
    const important = this.#lines.filter((line) => /\b(FATAL|ERROR|PANIC)\b|initdb:/.test(line));
    const chosen = (important.length > 0 ? important : this.#lines).slice(-count);
    return chosen.length > 0 ? chosen.join(" | ") : "(postgres printed nothing)";
  }
}
