/**
 * The CLI's exit codes (DESIGN.md §4) and the error that carries one: 0 no errors, 1 a plan is not
 * ok, 2 usage or I/O error.
 */
import type { AnalysisReport } from "../core/model.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** An error the user can act on: `main` prints its message as one line and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * 1 when a plan is not ok: it has an error, or (with `strict`) a warning. `ok` already follows the
 * configured `fail_on`; the counts are checked too so `--strict` holds whatever the threshold.
 */
export function exitCodeFor(report: AnalysisReport, strict: boolean): number {
  const failing = report.plans.some(
    (plan) => !plan.ok || plan.summary.errors > 0 || (strict && plan.summary.warnings > 0),
  );
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
