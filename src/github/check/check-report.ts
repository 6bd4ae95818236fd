/**
 * The analysis of a check's scope and the completed check built from it: read what the scope
 * still lacks, analyse it like the CLI, and report on the folders asked for (removed, holding no
 * plan, past a truncated tree).
 */
import type { AnalysisReport } from "../../core/model.js";
import type { AnalysisOptions } from "../../core/options.js";
import type { AppDeps } from "../deps.js";
import type { CommitReader } from "../pipeline/commit-reader.js";
import type { Scope } from "./check-marker.js";
import { planCheck, type CompletedCheck } from "./check-run.js";

const TRUNCATED_TREE =
  "The repository is too large for GitHub to list at once: plans past the listing were not checked.";

/** Read what the scope still lacks and analyse it like the CLI. */
export async function analyse(
  reader: CommitReader,
  scope: Scope,
  options: AnalysisOptions,
  analyze: AppDeps["analyze"],
): Promise<AnalysisReport> {
  await reader.complete(scope, options);
  return analyze(reader.files.snapshot(options), options);
}

/** The completed check of the analysed scope. */
export function reportCheck(
  reader: CommitReader,
  target: { scope: Scope; annotated: Scope },
  options: AnalysisOptions,
  report: AnalysisReport,
  marker: string,
): CompletedCheck {
  const folders = target.scope === "all" ? [] : target.scope;
  const planDirs = new Set(report.plans.map((plan) => plan.dir));
  const removed = folders.filter((f) => reader.files.removedFolders.has(f));
  return planCheck({
    report,
    removed,
    notPlans: folders.filter((f) => !planDirs.has(f) && !removed.includes(f)),
    notes: reader.files.treeTruncated ? [TRUNCATED_TREE] : [],
    strict: options.failOn === "warning",
    annotated: target.annotated,
    marker,
  });
}
