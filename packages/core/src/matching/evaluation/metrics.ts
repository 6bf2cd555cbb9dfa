// Ranking metrics of the matching evaluation (issue #16), with binary relevance: a mentor is
// one a person would accept, or not.

/** Share of the first k ranked that are relevant (k in the denominator even if fewer ranked). */
export function precisionAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>) {
  const hits = ranked.slice(0, k).filter((id) => relevant.has(id)).length;
  return hits / k;
}

/**
 * Normalised discounted cumulative gain at k: each relevant mentor at rank i (from 1) counts
 * 1 / log2(i + 1), divided by the same sum for the ideal ranking (all relevant first).
 */
export function ndcgAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>) {
  const gain = (rank: number) => 1 / Math.log2(rank + 1);
  const dcg = ranked
    .slice(0, k)
    .reduce((sum, id, index) => sum + (relevant.has(id) ? gain(index + 1) : 0), 0);
  let ideal = 0;
  for (let rank = 1; rank <= Math.min(k, relevant.size); rank++) ideal += gain(rank);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Whether any relevant mentor is among the first k (the share of requests served at all). */
export function hitAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>) {
  return ranked.slice(0, k).some((id) => relevant.has(id)) ? 1 : 0;
}

export type RequestScore = {
  id: string;
  lang: string;
  precision3: number;
  /** The best precision@3 any ranking could reach (fewer than three acceptable mentors). */
  ceiling3: number;
  ndcg5: number;
  hit3: number;
};

export type Summary = {
  requests: number;
  precision3: number;
  ceiling3: number;
  ndcg5: number;
  hit3: number;
};

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

export function scoreRequest(
  request: { id: string; lang: string },
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
): RequestScore {
  return {
    id: request.id,
    lang: request.lang,
    precision3: precisionAt(3, ranked, relevant),
    ceiling3: Math.min(3, relevant.size) / 3,
    ndcg5: ndcgAt(5, ranked, relevant),
    hit3: hitAt(3, ranked, relevant),
  };
}

export function summarize(scores: readonly RequestScore[]): Summary {
  return {
    requests: scores.length,
    precision3: mean(scores.map((s) => s.precision3)),
    ceiling3: mean(scores.map((s) => s.ceiling3)),
    ndcg5: mean(scores.map((s) => s.ndcg5)),
    hit3: mean(scores.map((s) => s.hit3)),
  };
}
