/** A block on one day column: minutes from the top of the grid. */
export interface DayBlock {
  id: string;
  start: number;
  end: number;
}

export interface PlacedBlock {
  /** 0-based lane inside its cluster of overlapping blocks. */
  lane: number;
  /** How many lanes the cluster needs: each block is 1/lanes of the column wide. */
  lanes: number;
}

/**
 * Side-by-side placement of overlapping blocks (a group session beside a one-to-one, a
 * rescheduled session over another): blocks that overlap, directly or through a chain, form a
 * cluster; each takes the first lane free at its start, and the cluster shares its lane count.
 */
export function layoutDayBlocks(blocks: readonly DayBlock[]): Map<string, PlacedBlock> {
  const sorted = [...blocks].sort((a, b) => a.start - b.start || b.end - a.end);
  const placed = new Map<string, PlacedBlock>();
  let cluster: { id: string; lane: number }[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = Number.NEGATIVE_INFINITY;
  const flush = () => {
    for (const item of cluster) placed.set(item.id, { lane: item.lane, lanes: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };
  for (const block of sorted) {
    if (block.start >= clusterEnd) flush();
    let lane = laneEnds.findIndex((end) => end <= block.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(block.end);
    } else {
      laneEnds[lane] = block.end;
    }
    cluster.push({ id: block.id, lane });
    clusterEnd = Math.max(block.start >= clusterEnd ? block.end : clusterEnd, block.end);
  }
  flush();
  return placed;
}
