/**
 * Time figures (DESIGN.md §2): per level, sequential = sum of estimates and parallel = the wall
 * time (longest achievement for a parallel level, sum for a sequential one); the plan's parallel
 * time is the sum of its levels' wall times. Ranges keep both ends.
 */
import { addHours, ZERO_HOURS } from "./estimate.js";
import type { HourRange, TimeFigures } from "./types.js";

export interface Estimated {
  id: string;
  estimate: HourRange | null;
}

/** Figures for one level. `maxParallelism` below the level's size schedules onto that many lanes. */
export function levelFigures(
  achievements: readonly Estimated[],
  canParallelize: boolean,
  maxParallelism: number | null,
): TimeFigures {
  // One pass with plain numbers: levels can hold thousands of achievements.
  let sumMin = 0;
  let sumMax = 0;
  let longestMin = 0;
  let longestMax = 0;
  let estimated = 0;
  const missing: string[] = [];
  for (const achievement of achievements) {
    const estimate = achievement.estimate;
    if (estimate === null) {
      missing.push(achievement.id);
      continue;
    }
    estimated++;
    sumMin += estimate.min;
    sumMax += estimate.max;
    if (estimate.min > longestMin) longestMin = estimate.min;
    if (estimate.max > longestMax) longestMax = estimate.max;
  }
  const sequential = { min: sumMin, max: sumMax };
  let parallel: HourRange = sequential;
  if (canParallelize && estimated > 0) {
    const lanes = maxParallelism !== null && maxParallelism > 0 ? maxParallelism : estimated;
    if (lanes >= estimated) {
      parallel = { min: longestMin, max: longestMax };
    } else {
      const mins = new Float64Array(estimated);
      const maxes = new Float64Array(estimated);
      let at = 0;
      for (const { estimate } of achievements) {
        if (estimate === null) continue;
        mins[at] = estimate.min;
        maxes[at++] = estimate.max;
      }
      parallel = { min: makespan(mins, lanes), max: makespan(maxes, lanes) };
    }
  }
  return complete(sequential, parallel, missing);
}

/** Plan-wide figures from its levels' figures. */
export function planFigures(levels: readonly TimeFigures[]): TimeFigures {
  const sequential = levels.map((l) => l.sequential).reduce(addHours, { ...ZERO_HOURS });
  const parallel = levels.map((l) => l.parallel).reduce(addHours, { ...ZERO_HOURS });
  return complete(
    sequential,
    parallel,
    levels.flatMap((l) => l.unestimated),
  );
}

function complete(sequential: HourRange, parallel: HourRange, missing: string[]): TimeFigures {
  const saved = { min: sequential.min - parallel.min, max: sequential.max - parallel.max };
  const percent = (part: number, whole: number) =>
    whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
  return {
    sequential,
    parallel,
    saved,
    savedPercent: {
      min: percent(saved.min, sequential.min),
      max: percent(saved.max, sequential.max),
    },
    unestimated: missing,
  };
}

/**
 * Longest-processing-time-first list scheduling: a close, deterministic wall-time estimate.
 * Lane loads live in a binary min-heap, so this is O(n log lanes).
 */
function makespan(durations: Float64Array, lanes: number): number {
  const heap = new Float64Array(lanes);
  durations.sort(); // typed arrays sort numerically, ascending: walk from the end
  for (let next = durations.length - 1; next >= 0; next--) {
    const duration = durations[next] as number;
    // The least-loaded lane is the root: add to it, then sift down.
    heap[0] = (heap[0] as number) + duration;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let least = at;
      if (left < lanes && (heap[left] as number) < (heap[least] as number)) least = left;
      if (right < lanes && (heap[right] as number) < (heap[least] as number)) least = right;
      if (least === at) break;
      const load = heap[at] as number;
      heap[at] = heap[least] as number;
      heap[least] = load;
      at = least;
    }
  }
  return heap.reduce((a, b) => (b > a ? b : a), 0);
}
