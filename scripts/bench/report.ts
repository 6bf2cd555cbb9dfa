/**
 * The benchmark suite's arithmetic and its two outputs (docs/performance.md and the SVG chart),
 * kept apart from scripts/bench.ts (which only runs vitest) so they can be tested on fixed input.
 *
 * Convention (docs/decisions/030): a group is one `test(name, ({ bench }) => bench.compare(...))`;
 * the bench whose name starts with "floor: " is the group's floor; every other bench is a target
 * whose ratio is its median latency over the floor's.
 */

/** One vitest JSON report (`--reporter=json`), reduced to what the suite reads. */
export type VitestJsonReport = {
  success?: boolean;
  testResults: {
    name: string;
    status?: string;
    message?: string;
    /** Epoch ms: the file's wall time in the round (its setup, seeding and every group). */
    startTime?: number;
    endTime?: number;
    assertionResults: {
      fullName: string;
      status: string;
      failureMessages?: string[];
      benchmarks?: {
        name: string;
        tasks: { name: string; latency: { p50: number; mean?: number; samplesCount?: number } }[];
      }[];
    }[];
  }[];
};

export const floorPrefix = "floor: ";

/** One bench's medians over the rounds it ran in. */
export type BenchFigure = {
  name: string;
  isFloor: boolean;
  /** Median over rounds of each round's p50 latency, in milliseconds. */
  medianMs: number;
  /** Lowest and highest per-round p50: how much the machine moved between rounds. */
  minMs: number;
  maxMs: number;
  rounds: number;
  /** medianMs / the floor's medianMs; undefined without a floor in the group. */
  ratio?: number;
};

export type BenchGroup = {
  /** The test name: the row label. */
  name: string;
  /** The bench file, relative to the repository root. */
  file: string;
  floor?: BenchFigure;
  targets: BenchFigure[];
  /** Failure messages from any round (a failing bench makes the suite fail). */
  failures: string[];
  /** Set when the group does not follow the convention (no floor, or several). */
  warning?: string;
};

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function relative(file: string, root: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

/**
 * Folds the rounds' reports into groups: per bench, the median (and spread) of its per-round p50
 * latency; per target, its ratio to the floor of its group. Groups keep the order they first ran in.
 */
export function aggregateRounds(reports: VitestJsonReport[], root: string): BenchGroup[] {
  type Samples = { file: string; name: string; benches: Map<string, number[]>; failures: string[] };
  const groups = new Map<string, Samples>();
  const groupFor = (file: string, name: string) => {
    const key = `${file}\u0000${name}`;
    let group = groups.get(key);
    if (!group) {
      group = { file, name, benches: new Map(), failures: [] };
      groups.set(key, group);
    }
    return group;
  };

  for (const report of reports) {
    for (const fileResult of report.testResults) {
      const file = relative(fileResult.name, root);
      if (fileResult.status === "failed" && fileResult.assertionResults.length === 0) {
        groupFor(file, "(file)").failures.push(fileResult.message || "the file failed to load");
      }
      for (const test of fileResult.assertionResults) {
        const group = groupFor(file, test.fullName);
        if (test.status === "failed") {
          group.failures.push(...(test.failureMessages ?? ["failed"]));
        }
        for (const benchmark of test.benchmarks ?? []) {
          for (const task of benchmark.tasks) {
            const samples = group.benches.get(task.name) ?? [];
            samples.push(task.latency.p50);
            group.benches.set(task.name, samples);
          }
        }
      }
    }
  }

  return [...groups.values()].map((group) => {
    const figures: BenchFigure[] = [...group.benches.entries()].map(([name, samples]) => ({
      name,
      isFloor: name.startsWith(floorPrefix),
      medianMs: median(samples),
      minMs: Math.min(...samples),
      maxMs: Math.max(...samples),
      rounds: samples.length,
    }));
    const floors = figures.filter((figure) => figure.isFloor);
    const floor = floors.length === 1 ? floors[0] : undefined;
    const targets = figures
      .filter((figure) => !figure.isFloor)
      .map((figure) =>
        floor && floor.medianMs > 0
          ? { ...figure, ratio: figure.medianMs / floor.medianMs }
          : figure,
      );
    const warning =
      figures.length === 0
        ? undefined
        : floors.length === 0
          ? 'no "floor: " bench in this group: figures only, no ratio'
          : floors.length > 1
            ? `${floors.length} "floor: " benches in this group (one expected): no ratio`
            : undefined;
    return {
      name: group.name,
      file: group.file,
      ...(floor ? { floor } : {}),
      targets,
      failures: group.failures,
      ...(warning ? { warning } : {}),
    };
  });
}

/** One bench file's wall time per round: what a full run's length is made of. */
export type FileDuration = {
  file: string;
  /** Median over the rounds the file ran in, in milliseconds. */
  medianMs: number;
  maxMs: number;
  rounds: number;
};

/** Per bench file, the median (and longest) of its wall time over the rounds, longest first. */
export function fileDurations(reports: VitestJsonReport[], root: string): FileDuration[] {
  const byFile = new Map<string, number[]>();
  for (const report of reports) {
    for (const fileResult of report.testResults) {
      if (fileResult.startTime === undefined || fileResult.endTime === undefined) continue;
      const file = relative(fileResult.name, root);
      byFile.set(file, [
        ...(byFile.get(file) ?? []),
        Math.max(0, fileResult.endTime - fileResult.startTime),
      ]);
    }
  }
  return [...byFile.entries()]
    .map(([file, samples]) => ({
      file,
      medianMs: median(samples),
      maxMs: Math.max(...samples),
      rounds: samples.length,
    }))
    .sort((a, b) => b.medianMs - a.medianMs);
}

/** What one test annotated in one round (scripts/bench/notes-reporter.ts). */
export type BenchNote = { file: string; group: string; messages: string[] };

/** A group's annotated figures as the last round that annotated it measured them. */
export type GroupNotes = { file: string; group: string; round: number; messages: string[] };

/**
 * Per group, the notes of the last round that wrote any (figures such as p99 or memory are a
 * round's own measure, not medians), in the order the groups first ran.
 */
export function lastNotes(rounds: BenchNote[][], root: string): GroupNotes[] {
  const byGroup = new Map<string, GroupNotes>();
  rounds.forEach((notes, index) => {
    for (const note of notes) {
      const file = relative(note.file, root);
      const key = `${file}\u0000${note.group}`;
      const latest = { file, group: note.group, round: index + 1, messages: note.messages };
      const previous = byGroup.get(key);
      if (previous) Object.assign(previous, latest);
      else byGroup.set(key, latest);
    }
  });
  return [...byGroup.values()];
}

export type Machine = {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
};

export type RunInfo = {
  date: Date;
  machine: Machine;
  mode: "quick" | "full";
  rounds: number;
  scale: number;
  commit?: string;
  durationMs: number;
  /** Wall time per bench file (absent in reports from before decision 074). */
  files?: FileDuration[];
  /** Figures benches annotate beside their ratios (p99, memory, rows per second, buffers). */
  notes?: GroupNotes[];
};

/** "1.23 ms", "456 µs", "2.10 s": three significant figures in a readable unit. */
export function formatDuration(ms: number): string {
  // Past 1,000 s toPrecision turns to exponents ("1.31e+3 s"): whole seconds instead.
  if (ms >= 999_500) return `${Math.round(ms / 1000).toLocaleString("en")} s`;
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

function formatRate(ms: number): string {
  if (ms <= 0) return "—";
  const perSecond = 1000 / ms;
  return perSecond >= 100 ? Math.round(perSecond).toLocaleString("en") : perSecond.toPrecision(3);
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return "—";
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
}

/** Markdown table cells must not break the row. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** docs/performance.md: the machine and run, a summary of ratios, then one table per group. */
export function renderMarkdown(groups: BenchGroup[], run: RunInfo, chartFile: string): string {
  const { machine } = run;
  const lines: string[] = [
    "# Performance",
    "",
    "Written by `pnpm bench` (scripts/bench.ts); do not edit by hand. Every group runs a target and",
    'its floor (the same work done the cheapest way, the bench named "floor: …") in the same',
    "round; the whole suite runs several rounds, so targets and floors alternate over time, and each",
    "figure is the median over the rounds of each round's median latency. Absolute figures move with",
    "the machine's load; the ratios are what to compare between runs. See",
    "docs/decisions/030-benchmark-suite.md.",
    "",
    "| run | |",
    "|---|---|",
    `| date | ${run.date.toISOString().replace("T", " ").slice(0, 16)} UTC |`,
    `| mode | ${run.mode} (\`pnpm bench${run.mode === "quick" ? " --quick" : ""}\`), ${run.rounds} ${run.rounds === 1 ? "round" : "rounds"}, BENCH_SCALE=${run.scale} |`,
    ...(run.commit ? [`| commit | ${run.commit} |`] : []),
    `| machine | ${cell(machine.cpuModel)}, ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB RAM |`,
    `| system | ${cell(machine.os)}, Node ${machine.node} |`,
    `| suite took | ${formatDuration(run.durationMs)} |`,
    "",
    "## Ratios to the floor",
    "",
    `![Ratio of each target to its floor](${chartFile})`,
    "",
    "| group | target | median | floor | ratio |",
    "|---|---|---|---|---|",
  ];
  for (const group of groups) {
    for (const target of group.targets) {
      lines.push(
        `| ${cell(group.name)} | ${cell(target.name)} | ${formatDuration(target.medianMs)} | ${group.floor ? formatDuration(group.floor.medianMs) : "—"} | ${formatRatio(target.ratio)} |`,
      );
    }
  }
  const failed = groups.filter((group) => group.failures.length > 0);
  if (failed.length > 0) {
    lines.push("", "## Failures", "");
    for (const group of failed) {
      lines.push(`- ${cell(group.name)} (${group.file}): ${cell(group.failures[0] ?? "")}`);
    }
  }
  if (run.notes && run.notes.length > 0) {
    lines.push(
      "",
      "## Figures beside the ratios",
      "",
      "What some groups measure besides latency (percentiles, memory, CPU, rows per second,",
      "buffers), as printed by the last round that measured them.",
    );
    for (const note of run.notes) {
      lines.push(
        "",
        `### ${note.group}`,
        "",
        `\`${note.file}\`, round ${note.round} of ${run.rounds}`,
        "",
        "```text",
        ...note.messages.flatMap((message) => message.split("\n")),
        "```",
      );
    }
  }
  if (run.files && run.files.length > 0) {
    lines.push(
      "",
      "## Time per bench file",
      "",
      "Wall time of each file in a round (its setup and seeding included), longest first.",
      "",
      "| file | median per round | longest round | rounds |",
      "|---|---|---|---|",
    );
    for (const file of run.files) {
      lines.push(
        `| \`${cell(file.file)}\` | ${formatDuration(file.medianMs)} | ${formatDuration(file.maxMs)} | ${file.rounds} |`,
      );
    }
  }
  lines.push("", "## Figures per group", "");
  for (const group of groups) {
    if (group.targets.length === 0 && !group.floor) continue;
    lines.push(`### ${group.name}`, "", `\`${group.file}\``, "");
    if (group.warning) lines.push(`> ${group.warning}`, "");
    lines.push(
      "| bench | median latency | per second | spread over rounds | rounds | ratio |",
      "|---|---|---|---|---|---|",
    );
    for (const figure of [...(group.floor ? [group.floor] : []), ...group.targets]) {
      lines.push(
        `| ${cell(figure.name)} | ${formatDuration(figure.medianMs)} | ${formatRate(figure.medianMs)} | ${formatDuration(figure.minMs)} – ${formatDuration(figure.maxMs)} | ${figure.rounds} | ${figure.isFloor ? "1×" : formatRatio(figure.ratio)} |`,
      );
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/**
 * A horizontal bar per target, its length the ratio to its floor on a log scale (ratios run from
 * about 1× to several hundred×, so a linear axis would flatten everything but the worst).
 */
export function renderSvg(groups: BenchGroup[], run: RunInfo): string {
  const bars = groups.flatMap((group) =>
    group.targets
      .filter((target) => target.ratio !== undefined)
      .map((target) => ({
        label: `${group.name} — ${target.name}`,
        ratio: target.ratio as number,
      })),
  );
  const labelWidth = 560;
  const chartWidth = 420;
  const rowHeight = 22;
  const top = 48;
  const width = labelWidth + chartWidth + 80;
  const height = top + Math.max(bars.length, 1) * rowHeight + 40;
  const maxRatio = Math.max(10, ...bars.map((bar) => bar.ratio));
  const decades = Math.ceil(Math.log10(maxRatio));
  // Ratios below 1 (a target faster than its floor) are drawn from 0.1.
  const x = (ratio: number) =>
    labelWidth + ((Math.log10(Math.max(ratio, 0.1)) + 1) / (decades + 1)) * chartWidth;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    "<title>Ratio of each target to its floor</title>",
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="22" font-size="14" font-weight="bold">Ratio of each target to its floor (log scale; lower is better)</text>`,
    `<text x="12" y="38" fill="#555">${escapeXml(`${run.date.toISOString().slice(0, 10)} · ${run.mode} · ${run.machine.cores} cores · ${run.machine.cpuModel}`)}</text>`,
  ];
  for (let power = -1; power <= decades; power++) {
    const tick = 10 ** power;
    const tx = x(tick).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - 32}" stroke="#ddd"/>`,
      `<text x="${tx}" y="${height - 18}" text-anchor="middle" fill="#555">${tick < 1 ? tick.toFixed(1) : tick}×</text>`,
    );
  }
  bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const end = x(bar.ratio);
    const start = x(1);
    const color = bar.ratio <= 1.5 ? "#2e7d32" : bar.ratio <= 5 ? "#f9a825" : "#c62828";
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeXml(truncate(bar.label, 80))}</text>`,
      `<rect x="${Math.min(start, end).toFixed(1)}" y="${y + 4}" width="${Math.max(Math.abs(end - start), 1).toFixed(1)}" height="${rowHeight - 8}" fill="${color}"/>`,
      `<text x="${(Math.max(start, end) + 4).toFixed(1)}" y="${y + 15}">${escapeXml(formatRatio(bar.ratio))}</text>`,
    );
  });
  if (bars.length === 0) {
    parts.push(`<text x="${labelWidth}" y="${top + 15}">no group with a floor ran</text>`);
  }
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
