import { expect, test } from "vitest";
import { filtersOfRound, roundsCap, selectBenches } from "./select.ts";

test("a bench file caps its rounds with a `// bench-rounds: N` line, nothing else does", () => {
  expect(roundsCap('import x from "y";\n// bench-rounds: 3 (each round drains 1,000 jobs)\n')).toBe(
    3,
  );
  expect(roundsCap("// Some bench.\nconst a = 1;\n")).toBeUndefined();
  expect(roundsCap("const text = '// bench-rounds: 2';\n")).toBeUndefined();
  expect(roundsCap("// bench-rounds: 0\n")).toBeUndefined();
});

test("the run's filters select files by a part of their path", () => {
  const files = ["apps/web/bench/web-load.bench.ts", "packages/core/src/jobs/throughput.bench.ts"];
  expect(selectBenches(files, [])).toEqual(files);
  expect(selectBenches(files, ["jobs/"])).toEqual(["packages/core/src/jobs/throughput.bench.ts"]);
});

test("a capped file leaves the rounds after its cap; the others run every round", () => {
  const benches = [
    { file: "a.bench.ts" },
    { file: "long.bench.ts", maxRounds: 2 },
    { file: "b.bench.ts", maxRounds: 9 },
  ];
  // All still running: the run's own filters (none: vitest finds every file itself).
  expect(filtersOfRound(benches, 1, 5, [])).toEqual([]);
  expect(filtersOfRound(benches, 2, 5, ["bench"])).toEqual(["bench"]);
  expect(filtersOfRound(benches, 3, 5, [])).toEqual(["a.bench.ts", "b.bench.ts"]);
  expect(filtersOfRound([{ file: "long.bench.ts", maxRounds: 2 }], 3, 5, [])).toBeUndefined();
});
