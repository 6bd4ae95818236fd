/** `parallel-plans graph PATH`: one plan's dependency graph as Mermaid or Graphviz DOT. */
import { renderDot, renderMermaid } from "../render/mermaid.js";
import { CliError, EXIT_FINDINGS, EXIT_OK } from "./exit-codes.js";
import type { GraphFlags } from "./command-line.js";
import { printDocument, type CliIo } from "./io.js";
import { loadOptions } from "./load-options.js";
import { displayPath, loadReport } from "./load-report.js";
import { unusablePlanReason } from "./unusable-plan.js";

/**
 * Print the graph; the plan's findings do not change the exit code (a graph still draws), unless
 * there is no parallel.json to draw from (exit 1, the reason on stderr).
 */
export async function runGraph(target: string, flags: GraphFlags, io: CliIo): Promise<number> {
  const report = await loadReport([target], await loadOptions(flags, io), io);
  const [plan, ...others] = report.plans;
  if (!plan || others.length > 0) {
    const dirs = report.plans.map((p) => p.dir).join(", ");
    throw new CliError(
      `${displayPath(target)} holds ${report.plans.length} plans (${dirs}); give one plan folder`,
    );
  }
  const unusable = unusablePlanReason(plan);
  if (unusable !== null) throw new CliError(`cannot draw the graph: ${unusable}`, EXIT_FINDINGS);
  printDocument(io, flags.format === "dot" ? renderDot(plan) : renderMermaid(plan));
  return EXIT_OK;
}
