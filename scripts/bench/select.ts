/**
 * Which bench files a round runs (decision 074). A long bench file whose figures hold steady
 * over rounds may ask for fewer rounds than the run's with a line `// bench-rounds: N`: it runs
 * in rounds 1..N only, and the report shows how many rounds each figure is the median of.
 */

export type SelectedBench = { file: string; maxRounds?: number };

/** The `// bench-rounds: N` cap a bench file's source declares, if any. */
export function roundsCap(source: string): number | undefined {
  const cap = /^\/\/ bench-rounds: (\d+)\b/m.exec(source);
  const value = cap ? Number(cap[1]) : undefined;
  return value !== undefined && value >= 1 ? value : undefined;
}

/** The bench files the run's filters select: vitest's file filters match a substring of the path. */
export function selectBenches(files: string[], filters: string[]): string[] {
  return files.filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
}

/**
 * The file filters to hand vitest for one round: the run's own filters when every selected file
 * still runs, the remaining files when some are done, undefined when none is left.
 */
export function filtersOfRound(
  benches: SelectedBench[],
  round: number,
  rounds: number,
  filters: string[],
): string[] | undefined {
  const running = benches.filter((bench) => (bench.maxRounds ?? rounds) >= round);
  if (running.length === 0) return undefined;
  return running.length === benches.length ? filters : running.map((bench) => bench.file);
}
