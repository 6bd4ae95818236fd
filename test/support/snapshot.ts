/** In-memory snapshots for core tests: a map of path → text (or bytes, or just a size). */
import type { PlanSnapshot, SnapshotFile } from "../../src/core/types.js";

export type FileSpec = string | Uint8Array | { size: number };

export function snapshotOf(files: Record<string, FileSpec>, rootName?: string): PlanSnapshot {
  const map = new Map<string, SnapshotFile>();
  for (const [path, spec] of Object.entries(files)) {
    if (typeof spec === "string")
      map.set(path, { path, size: Buffer.byteLength(spec), content: spec });
    else if (spec instanceof Uint8Array) map.set(path, { path, size: spec.length, content: spec });
    else map.set(path, { path, size: spec.size });
  }
  return rootName === undefined ? { files: map } : { files: map, rootName };
}

/** 1-based line of the first occurrence of `needle` in `text` (after `after`, when given). */
export function lineOf(text: string, needle: string, after?: string): number {
  const start = after === undefined ? 0 : text.indexOf(after);
  const at = text.indexOf(needle, start < 0 ? 0 : start);
  if (at < 0) throw new Error(`${needle} not found`);
  return text.slice(0, at).split("\n").length;
}
