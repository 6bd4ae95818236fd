/**
 * Which size limit applies to a plan file, and the config setting that raises it: parallel.json
 * has its own (the core reads it in linear time, so it can be large), every markdown file (PLAN,
 * SUBPLAN, EXECUTION, feedback) shares `limits.max_file_bytes` (the markdown reader is the
 * slowest step on hostile shapes).
 */
import type { Limits } from "./options.js";

const PARALLEL_JSON = "parallel.json";

/** A size limit in bytes, with the `.github/parallel-plans.yml` key that sets it. */
export interface FileLimit {
  bytes: number;
  setting: "limits.max_json_bytes" | "limits.max_file_bytes";
}

/** Whether `path` (relative, `/`-separated) names a parallel.json. */
export function isParallelJson(path: string): boolean {
  return path === PARALLEL_JSON || path.endsWith(`/${PARALLEL_JSON}`);
}

/** The limit for the file at `path`. */
export function fileLimit(
  path: string,
  limits: Pick<Limits, "maxFileBytes" | "maxJsonBytes">,
): FileLimit {
  return isParallelJson(path)
    ? { bytes: limits.maxJsonBytes, setting: "limits.max_json_bytes" }
    : { bytes: limits.maxFileBytes, setting: "limits.max_file_bytes" };
}
