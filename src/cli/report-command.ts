/**
 * `parallel-plans report [PATH...]`: estimated against actual time per achievement and level,
 * the realised parallel saving, the critical path and estimate accuracy. Times come from the
 * local git history of each plan folder (first EXECUTION_TASK commit, APPROVED commit), else from
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
import type { PlanReport } from "../core/model.js";
import { EXIT_FINDINGS, exitCodeFor } from "./exit-codes.js";
import type { ReportFlags } from "./command-line.js";
import { printDocument, type CliIo } from "./io.js";
import { loadOptions } from "./load-options.js";
import { displayPath, loadReport } from "./load-report.js";
import { unusablePlanReason } from "./unusable-plan.js";

/**
 * Print the time report; the exit code follows the findings, as for `status`. A plan without a
 * usable parallel.json has nothing to measure: it is named on stderr instead (an empty "0/0"
 * report would read as a plan with nothing to do), and the exit code is 1.
 */
export async function runReport(
  paths: readonly string[],
  flags: ReportFlags,
  io: CliIo,
): Promise<number> {
  const loaded = await loadReport(paths, await loadOptions(flags, io), io);
  const unusable = loaded.plans.map(unusablePlanReason);
  const report = { plans: loaded.plans.filter((_, i) => unusable[i] === null) };
  const history = await readHistories(report.plans, paths, io);
  const reports = report.plans.map((plan) => buildTimeReport(plan, measureTimes(plan, history)));
  if (reports.length > 0 || flags.format === "json") {
    printDocument(
      io,
      flags.format === "json"
        ? renderTimeReportJson(reports)
        : flags.format === "markdown"
          ? renderTimeReportMarkdown(reports)
          : renderTimeReportText(reports),
    );
  }
  for (const reason of unusable) if (reason !== null) io.stderr(`parallel-plans: ${reason}\n`);
  return unusable.some((reason) => reason !== null) ? EXIT_FINDINGS : exitCodeFor(report, false);
}

/**
 * The commit dates of the plans' files, keyed by their paths in the report. Each plan's history
 * is read from a folder holding it: the folder PATH named, when the plan was found below it (one
 * `git log` for all its plans), else the plan's own folder (PATH was a file of the plan, or a
 * folder inside it, which the analysis resolved to the plan enclosing it).
 */
async function readHistories(
  plans: readonly PlanReport[],
  paths: readonly string[],
  io: CliIo,
): Promise<Map<string, string[]>> {
  const folders = new Map<string, string>(); // absolute folder → its label, the plans' prefix
  for (const plan of plans) {
    const planFolder = path.resolve(io.cwd, plan.dir);
    const given = paths.map(displayPath).find((label) => {
      const inside = path.relative(path.resolve(io.cwd, label), planFolder);
      return !inside.startsWith("..") && !path.isAbsolute(inside);
    });
    const label = given ?? plan.dir;
    folders.set(path.resolve(io.cwd, label), label);
  }
  const history = new Map<string, string[]>();
  for (const [folder, label] of folders) {
    const found = await readGitHistory(folder, label);
    if (found.problem !== null) io.stderr(`parallel-plans: note: ${found.problem}\n`);
    for (const [file, dates] of found.files) {
      history.set(label === "." ? file : `${label}/${file}`, dates);
    }
  }
  return history;
}
