/**
 * A vitest reporter beside the JSON one (whose report has no annotations): it writes every
 * test's `annotate()` messages to BENCH_NOTES_FILE, so the figures a bench measures beside its
 * ratios (p99 latency, memory, rows per second, buffers) reach docs/performance.md.
 */
import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";
import type { BenchNote } from "./report.ts";

export default class BenchNotesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const file = process.env.BENCH_NOTES_FILE;
    if (!file) return;
    const notes: BenchNote[] = [];
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const messages = test.annotations().map((annotation) => annotation.message);
        if (messages.length > 0) {
          notes.push({ file: testModule.moduleId, group: test.fullName, messages });
        }
      }
    }
    writeFileSync(file, JSON.stringify(notes));
  }
}
