/**
 * `parallel-plans report [PATH...]`: estimated against actual time per achievement and level,
 * the realised parallel saving, the critical path and estimate accuracy. Times come from the
 * local git history of each PATH (first EXECUTION_TASK commit, APPROVED commit), else from
 * parallel.json; when history is missing or shallow a note on stderr says so.
 */
import path from "node:path";
import { measureTimes } from "../core/history/measure-times.js";
import { buildTimeReport } from "../core/history/time-report.js";
import {
  renderTimeReportJson,
  renderTimeReportMarkdown,
  renderTimeReportText,
} from "../render/time-report.js";
import { readGitHistory } from "../sources/git-history.js";
import { exitCodeFor } from "./exit-codes.js";
import type { ReportFlags } from "./command-line.js";
import { printDocument, type CliIo } from "./io.js";
import { loadOptions } from "./load-options.js";
import { displayPath, loadReport } from "./load-report.js";

/** Print the time report; the exit code follows the findings, as for `status`. */
export async function runReport(
  paths: readonly string[],
  flags: ReportFlags,
  io: CliIo,
): Promise<number> {
  const report = await loadReport(paths, await loadOptions(flags, io), io);
  // Paths in the report start with the PATH as typed: key git's paths the same way.
  const history = new Map<string, string[]>();
  for (const given of paths) {
    const label = displayPath(given);
    const absolute = path.resolve(io.cwd, given);
    const isPlanFile = report.plans.some((p) => p.dir !== label && label.endsWith(".json"));
    const folder = isPlanFile ? path.dirname(absolute) : absolute;
    const prefix = isPlanFile ? path.posix.dirname(label) : label;
    const found = await readGitHistory(folder, prefix);
    if (found.problem !== null) io.stderr(`parallel-plans: note: ${found.problem}\n`);
    for (const [file, dates] of found.files) {
      history.set(prefix === "." ? file : `${prefix}/${file}`, dates);
    }
  }
  const reports = report.plans.map((plan) => buildTimeReport(plan, measureTimes(plan, history)));
  printDocument(
    io,
    flags.format === "json"
      ? renderTimeReportJson(reports)
      : flags.format === "markdown"
        ? renderTimeReportMarkdown(reports)
        : renderTimeReportText(reports),
  );
  return exitCodeFor(report, false);
}
