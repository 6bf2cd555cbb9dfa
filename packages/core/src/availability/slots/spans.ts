/** A half-open real-time interval [start, end) in epoch ms. */
export type Span = {
  start: number;
  end: number;
};

/** Sorted, non-overlapping spans; touching spans are joined so availability stays continuous. */
export function unionSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** `spans` minus every part covered by `removals`. */
export function subtractSpans(spans: readonly Span[], removals: readonly Span[]): Span[] {
  let remaining = unionSpans(spans);
  for (const cut of unionSpans(removals)) {
    remaining = remaining.flatMap((span) => {
      if (cut.end <= span.start || cut.start >= span.end) return [span];
      const pieces: Span[] = [];
      if (cut.start > span.start) pieces.push({ start: span.start, end: cut.start });
      if (cut.end < span.end) pieces.push({ start: cut.end, end: span.end });
      return pieces;
    });
  }
  return remaining;
}
