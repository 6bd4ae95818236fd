/**
 * Why a plan has nothing to draw or count: its parallel.json is missing, does not parse, or was
 * too large to read. `graph` and `status` must say so and exit 1 instead of printing an empty
 * graph or "0/0, nothing left to do", which reads as a finished plan.
 */
import type { PlanReport } from "../core/model.js";
import { commandWord } from "../render/command-word.js";
import type { RuleCode } from "../core/types.js";

/** Findings that leave the plan without levels to show. */
const BLOCKING: ReadonlySet<RuleCode> = new Set([
  "json-syntax",
  "schema",
  "file-too-large",
  "missing-parallel-json",
]);

/** One sentence naming what is wrong, or null when the plan's levels can be shown. */
export function unusablePlanReason(plan: PlanReport): string | null {
  if (plan.levels.length > 0) return null;
  const finding = plan.findings.find((f) => BLOCKING.has(f.rule) && f.severity !== "warning");
  if (!finding) return null;
  if (finding.rule === "missing-parallel-json") {
    return `${plan.dir} has no parallel.json: generate one with \`parallel-plans prompt discover ${commandWord(plan.dir)}\``;
  }
  return `${plan.dir} has no usable parallel.json: ${finding.file}:${finding.line}:${finding.column}: ${finding.message}`;
}
