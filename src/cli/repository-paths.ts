/**
 * Report paths made relative to the repository root (the git root above the working folder, or
 * the working folder outside git), as SARIF's `%SRCROOT%` and code scanning expect: the same
 * finding then has the same path, and the same fingerprint, wherever the CLI was run from.
 */
import path from "node:path";
import type { AnalysisReport } from "../core/model.js";
import { findRepositoryRoot } from "../sources/plan-location.js";

export async function rebaseOnRepository(
  report: AnalysisReport,
  cwd: string,
): Promise<AnalysisReport> {
  const root = (await findRepositoryRoot(cwd)) ?? cwd;
  const rebase = (file: string): string =>
    path.relative(root, path.resolve(cwd, file)).split(path.sep).join("/") || ".";
  return {
    plans: report.plans.map((plan) => ({
      ...plan,
      dir: rebase(plan.dir),
      findings: plan.findings.map((finding) => ({ ...finding, file: rebase(finding.file) })),
    })),
  };
}
