// placeholder: replaced by the real analysis entry point (see analyzeSnapshot below)
import type { PlanSnapshot } from "./types.js";
import type { AnalysisReport } from "./model.js";
import type { AnalysisOptions } from "./options.js";

/** Analyse every plan folder found in the snapshot. */
export function analyzeSnapshot(
  _snapshot: PlanSnapshot,
  _options: AnalysisOptions,
): AnalysisReport {
  throw new Error("not implemented yet");
}
