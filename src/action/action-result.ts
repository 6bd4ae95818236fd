/**
 * What a workflow run reports from the checks the handlers decided: the step outputs, the job
 * summary (the check run's own markdown) and whether the job fails. Pure.
 */
import type { CheckResult } from "../github/deps.js";
import type { FailOn } from "./action-settings.js";

/** The ready achievements of one plan (`ready` output: a JSON array of these). */
export interface ReadyPlan {
  plan: string;
  dir: string;
  ids: string[];
}

export interface ActionResult {
  outputs: { errors: string; warnings: string; ready: string; conclusion: string };
  /** Markdown for GITHUB_STEP_SUMMARY. */
  summary: string;
  fails: boolean;
}

/** Sum the checks of the event (usually one; none when the event touched no plan). */
export function actionResult(
  results: readonly CheckResult[],
  failOn: FailOn,
  nothingChecked: string,
): ActionResult {
  let errors = 0;
  let warnings = 0;
  const ready: ReadyPlan[] = [];
  for (const { check, report } of results) {
    if (report === null) {
      // An invalid config: its errors are the check's annotations (the plans were not read).
      errors += check.annotations.flat().filter((a) => a.annotation_level === "failure").length;
      continue;
    }
    for (const plan of report.plans) {
      errors += plan.summary.errors;
      warnings += plan.summary.warnings;
      if (plan.ready.length > 0) ready.push({ plan: plan.name, dir: plan.dir, ids: plan.ready });
    }
  }
  const checkFails = results.some(({ check }) => check.conclusion === "failure");
  const conclusion = results.length === 0 ? "skipped" : checkFails ? "failure" : "success";
  return {
    outputs: {
      errors: String(errors),
      warnings: String(warnings),
      ready: JSON.stringify(ready),
      conclusion,
    },
    summary:
      results.length === 0
        ? `## parallel-plans\n\n${nothingChecked}\n`
        : results
            .map(
              ({ check }) => `## parallel-plans: ${check.output.title}\n\n${check.output.summary}`,
            )
            .join("\n\n"),
    fails: decideFailure(failOn, { errors, warnings, checkFails }),
  };
}

function decideFailure(
  failOn: FailOn,
  found: { errors: number; warnings: number; checkFails: boolean },
): boolean {
  switch (failOn) {
    case "check":
      return found.checkFails;
    case "error":
      return found.errors > 0;
    case "warning":
      return found.errors + found.warnings > 0;
    case "never":
      return false;
  }
}
