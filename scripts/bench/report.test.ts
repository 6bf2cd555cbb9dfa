import { expect, test } from "vitest";
import {
  aggregateRounds,
  fileDurations,
  formatDuration,
  lastNotes,
  median,
  renderMarkdown,
  renderSvg,
  type VitestJsonReport,
} from "./report.ts";

const root = "/repo";

function round(targetMs: number, floorMs: number, failed = false): VitestJsonReport {
  const task = (name: string, p50: number) => ({ name, latency: { p50 } });
  return {
    testResults: [
      {
        name: "/repo/packages/core/src/trpc/mutation.bench.ts",
        assertionResults: [
          {
            fullName: "a tRPC mutation against its SQL",
            status: failed ? "failed" : "passed",
            failureMessages: failed ? ["expected 1 winner, got 2"] : [],
            benchmarks: [
              {
                name: "a tRPC mutation against its SQL",
                tasks: [task("through tRPC", targetMs), task("floor: the same UPDATE", floorMs)],
              },
            ],
          },
          {
            fullName: "computeSlots",
            status: "passed",
            benchmarks: [{ name: "computeSlots", tasks: [task("one week", 0.5)] }],
          },
        ],
      },
    ],
  };
}

const run = {
  date: new Date("2026-12-05T00:30:00Z"),
  machine: {
    cpuModel: "Test CPU <x>",
    cores: 2,
    memoryBytes: 8 * 2 ** 30,
    node: "v24.0.0",
    os: "Linux",
  },
  mode: "quick" as const,
  rounds: 3,
  scale: 1,
  commit: "abc1234",
  durationMs: 65_000,
};

test("durations read in their unit, never as an exponent", () => {
  expect(formatDuration(0.456)).toBe("456 µs");
  expect(formatDuration(12.34)).toBe("12.3 ms");
  expect(formatDuration(70_400)).toBe("70.4 s");
  expect(formatDuration(1_310_000)).toBe("1,310 s");
  expect(renderMarkdown([], { ...run, rounds: 1 }, "x.svg")).toContain("1 round, BENCH_SCALE=1");
});

test("median of odd and even counts, whatever the order", () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(() => median([])).toThrow();
});

test("each bench's figure is the median of its per-round p50s; ratios are to the group's floor", () => {
  const groups = aggregateRounds([round(10, 2), round(30, 3), round(12, 4)], root);
  const mutation = groups.find((g) => g.name === "a tRPC mutation against its SQL");
  expect(mutation?.file).toBe("packages/core/src/trpc/mutation.bench.ts");
  expect(mutation?.floor).toMatchObject({ name: "floor: the same UPDATE", medianMs: 3, rounds: 3 });
  expect(mutation?.targets).toEqual([
    expect.objectContaining({ name: "through tRPC", medianMs: 12, minMs: 10, maxMs: 30, ratio: 4 }),
  ]);
  expect(mutation?.warning).toBeUndefined();
  expect(mutation?.failures).toEqual([]);

  const slots = groups.find((g) => g.name === "computeSlots");
  expect(slots?.floor).toBeUndefined();
  expect(slots?.targets[0]?.ratio).toBeUndefined();
  expect(slots?.warning).toMatch(/no "floor: " bench/);
});

test("a failing round is kept as a failure of its group", () => {
  const groups = aggregateRounds([round(10, 2), round(10, 2, true)], root);
  expect(groups.find((g) => g.name === "a tRPC mutation against its SQL")?.failures).toEqual([
    "expected 1 winner, got 2",
  ]);
});

test("the markdown names the machine, the run and every target's ratio; failures are listed", () => {
  const groups = aggregateRounds([round(10, 2), round(10, 2, true)], root);
  const markdown = renderMarkdown(groups, run, "performance.svg");
  expect(markdown).toContain("| date | 2026-12-05 00:30 UTC |");
  expect(markdown).toContain("Test CPU <x>, 2 cores, 8.0 GiB RAM");
  expect(markdown).toContain("Node v24.0.0");
  expect(markdown).toContain("3 rounds, BENCH_SCALE=1");
  expect(markdown).toContain("![Ratio of each target to its floor](performance.svg)");
  expect(markdown).toContain(
    "| a tRPC mutation against its SQL | through tRPC | 10.0 ms | 2.00 ms | 5.00× |",
  );
  expect(markdown).toContain("| computeSlots | one week | 500 µs | — | — |");
  expect(markdown).toContain("## Failures");
  expect(markdown).toContain("expected 1 winner, got 2");
});

test("the chart has one bar per target with a floor, labels escaped", () => {
  const groups = aggregateRounds([round(500, 2)], root);
  const svg = renderSvg(groups, run);
  expect(svg.startsWith("<svg")).toBe(true);
  expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  // The background plus one bar: computeSlots has no floor, so no bar.
  expect(svg.match(/<rect /g)).toHaveLength(2);
  expect(svg).toContain("250×");
  expect(svg).toContain("Test CPU &lt;x&gt;");
  expect(svg).not.toContain("<x>");
  // The axis reaches the decade above the largest ratio.
  expect(svg).toContain(">1000×</text>");
});

test("each bench file's wall time is its median over the rounds, longest file first", () => {
  const timed = (file: string, startTime: number, endTime: number) => ({
    name: `/repo/${file}`,
    startTime,
    endTime,
    assertionResults: [],
  });
  const reports: VitestJsonReport[] = [
    { testResults: [timed("a.bench.ts", 0, 1_000), timed("b.bench.ts", 1_000, 61_000)] },
    { testResults: [timed("a.bench.ts", 0, 3_000), timed("b.bench.ts", 3_000, 93_000)] },
    // A round where a.bench.ts took much longer; b.bench.ts ran without times (an old report).
    {
      testResults: [
        timed("a.bench.ts", 0, 20_000),
        { name: "/repo/b.bench.ts", assertionResults: [] },
      ],
    },
  ];
  const files = fileDurations(reports, root);
  expect(files).toEqual([
    { file: "b.bench.ts", medianMs: 75_000, maxMs: 90_000, rounds: 2 },
    { file: "a.bench.ts", medianMs: 3_000, maxMs: 20_000, rounds: 3 },
  ]);
  const markdown = renderMarkdown(aggregateRounds(reports, root), { ...run, files }, "x.svg");
  expect(markdown).toContain("## Time per bench file");
  expect(markdown).toContain("| `b.bench.ts` | 75.0 s | 90.0 s | 2 |");
  expect(markdown.indexOf("`b.bench.ts`")).toBeLessThan(markdown.indexOf("`a.bench.ts`"));
});

test("annotated figures come from the last round that wrote them, each group under its name", () => {
  const file = "/repo/apps/web/bench/web-load.bench.ts";
  const notes = lastNotes(
    [
      [{ file, group: "web: mentor page", messages: ["p99 180 ms"] }],
      [
        { file, group: "web: mentor page", messages: ["p99 120 ms\n  rss 300 MiB"] },
        { file, group: "web: memory", messages: ["no growth"] },
      ],
      [],
    ],
    root,
  );
  expect(notes).toEqual([
    {
      file: "apps/web/bench/web-load.bench.ts",
      group: "web: mentor page",
      round: 2,
      messages: ["p99 120 ms\n  rss 300 MiB"],
    },
    {
      file: "apps/web/bench/web-load.bench.ts",
      group: "web: memory",
      round: 2,
      messages: ["no growth"],
    },
  ]);
  const markdown = renderMarkdown(
    aggregateRounds([round(10, 2)], root),
    { ...run, notes },
    "x.svg",
  );
  expect(markdown).toContain("## Figures beside the ratios");
  expect(markdown).toContain(
    "### web: mentor page\n\n`apps/web/bench/web-load.bench.ts`, round 2 of 3\n\n```text\np99 120 ms\n  rss 300 MiB\n```",
  );
  expect(markdown).not.toContain("p99 180 ms");
  expect(renderMarkdown(aggregateRounds([round(10, 2)], root), run, "x.svg")).not.toContain(
    "Figures beside the ratios",
  );
});
