/** `parallel-plans status [PATH...]`: levels, statuses, the ready set and time figures. */
import { renderStatusJson } from "../render/json.js";
import { renderStatusText } from "../render/text.js";
import { EXIT_FINDINGS, exitCodeFor } from "./exit-codes.js";
import type { StatusFlags } from "./command-line.js";
import { printDocument, useColor, type CliIo } from "./io.js";
import { loadOptions } from "./load-options.js";
import { loadReport } from "./load-report.js";
import { unusablePlanReason } from "./unusable-plan.js";

/**
 * Print the status on stdout; the exit code follows the findings, as for `validate`. A plan
 * without a usable parallel.json has no status: it is named on stderr instead, and the exit code
 * is 1.
 */
export async function runStatus(
  paths: readonly string[],
  flags: StatusFlags,
  io: CliIo,
): Promise<number> {
  const loaded = await loadReport(paths, await loadOptions(flags, io), io);
  const unusable = loaded.plans.map(unusablePlanReason);
  const report = { plans: loaded.plans.filter((_, i) => unusable[i] === null) };
  if (report.plans.length > 0 || flags.format === "json") {
    printDocument(
      io,
      flags.format === "json"
        ? renderStatusJson(report)
        : renderStatusText(report, { color: useColor(io) }),
    );
  }
  for (const reason of unusable) if (reason !== null) io.stderr(`parallel-plans: ${reason}\n`);
  return unusable.some((reason) => reason !== null) ? EXIT_FINDINGS : exitCodeFor(report, false);
}
