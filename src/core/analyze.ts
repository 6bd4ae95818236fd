/** The core's entry point: every plan folder of a snapshot, analysed. Pure: text in, report out. */
import { analyzePlan } from "./analyze-plan.js";
import { discoverPlans, filesInFolder } from "./discover-plans.js";
import type { AnalysisReport } from "./model.js";
import type { AnalysisOptions } from "./options.js";
import type { PlanSnapshot } from "./types.js";

/** Analyse every plan folder found in the snapshot. */
export function analyzeSnapshot(snapshot: PlanSnapshot, options: AnalysisOptions): AnalysisReport {
  const plans = discoverPlans(snapshot, options).map((folder) =>
    analyzePlan(snapshot, folder, filesInFolder(snapshot, folder.dir), options),
  );
  return { plans };
}
