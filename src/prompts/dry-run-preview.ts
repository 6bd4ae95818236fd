/**
 * `--dry-run` (seed 003, Gap 7): what a prompt would have an LLM create — files, paths,
 * dependencies, estimates, sequential against parallel time — without the prompt itself.
 */
import { formatHours } from "../core/estimate.js";
import { levelFigures } from "../core/figures.js";
import type { AchievementReport, PlanReport } from "../core/model.js";
import type { NamingPatterns } from "../core/options.js";
import { PlanFacts, estimateText, outputFile } from "./achievement-facts.js";
import { cleanLine } from "./clean-text.js";
import type { InventoryItem } from "./discover-view.js";
import { planFields } from "./discover-view.js";
import type { BatchKind, LevelWork } from "./select-work.js";

const RULE = "═".repeat(55);

function banner(title: string): string[] {
  return [RULE, `DRY RUN: ${title}`, RULE, ""];
}

const NOUN: Record<BatchKind, string> = {
  "batch-subplans": "SUBPLAN",
  "batch-executions": "EXECUTION_TASK",
};

/** The preview of a batch prompt. */
export function batchPreview(
  plan: PlanReport,
  kind: BatchKind,
  work: LevelWork,
  patterns: NamingPatterns,
): string {
  const facts = new PlanFacts(plan);
  const noun = NOUN[kind];
  const title =
    kind === "batch-subplans"
      ? "Batch SUBPLAN Creation Preview"
      : "Batch EXECUTION Creation Preview";
  const { level } = work;
  const mode = level.canParallelize ? "parallel" : "sequential";
  const lines = [
    ...banner(title),
    `PLAN: ${cleanLine(plan.name, 200)} · Level ${level.level} (${mode})`,
    "",
    `Will create ${noun}s for:`,
  ];
  if (work.targets.length === 0) lines.push("  (none)");
  for (const a of work.targets) {
    lines.push(
      `  ✅ Achievement ${cleanLine(a.id, 20)}: ${cleanLine(a.title, 120)}`,
      `     - Dependencies: ${facts.dependencies(a)}`,
      `     - Estimated: ${estimateText(a, facts.planEntry(a.id))}`,
    );
    if (kind === "batch-executions")
      lines.push(`     - SUBPLAN: ${cleanLine(a.files.subplan ?? "", 300)}`);
    const file = outputFile(
      plan,
      patterns,
      kind === "batch-subplans" ? "subplan" : "execution",
      a.id,
    );
    lines.push(`     - Path: ${cleanLine(file, 300)}`);
  }
  const left = leftOut(kind, work);
  if (left.length > 0) lines.push("", "Not included:", ...left);
  const figures = levelFigures(work.targets, level.canParallelize, level.maxParallelism);
  lines.push(
    "",
    `Total: ${work.targets.length} ${noun}${work.targets.length === 1 ? "" : "s"}`,
    `Estimated time: ${formatHours(figures.sequential)} (sequential) or ${formatHours(figures.parallel)} (${mode === "parallel" ? "parallel" : "sequential level: no parallel saving"})`,
    "",
    "Run without --dry-run to generate the prompt.",
  );
  return lines.join("\n");
}

/** The achievements of the level the prompt leaves out, each with why. */
function leftOut(kind: BatchKind, work: LevelWork): string[] {
  const line = (icon: string, a: AchievementReport, why: string) =>
    `  ${icon} Achievement ${cleanLine(a.id, 20)}: ${cleanLine(a.title, 120)} — ${why}`;
  return [
    ...work.existing.map((a) =>
      kind === "batch-subplans"
        ? line("⏭️", a, `already has a SUBPLAN (${cleanLine(a.files.subplan ?? "", 300)})`)
        : line(
            "⏭️",
            a,
            `already has an EXECUTION_TASK (${cleanLine(a.files.executions[0] ?? "", 300)})`,
          ),
    ),
    ...work.missing.map((a) =>
      line("❌", a, `no SUBPLAN yet: create it first (batch-subplans --level ${work.level.level})`),
    ),
    ...work.settled.map((a) => line("⏭️", a, a.status.replace(/_/g, " "))),
  ];
}

/** The preview of the discovery prompt. */
export function discoverPreview(
  plan: PlanReport,
  patterns: NamingPatterns,
  items: readonly InventoryItem[],
): string {
  const fields = planFields(plan, patterns);
  const lines = [
    ...banner("Parallel Discovery Preview"),
    `PLAN: ${fields.name} (${fields.planFile})`,
    "",
    `Will create: ${fields.outputFile}${plan.levels.length > 0 ? " (replacing the existing one)" : ""}`,
    "",
    `From ${items.length} achievement${items.length === 1 ? "" : "s"} in the PLAN:`,
    ...items.map((item) => `  • ${item.id}: ${item.title} (${item.estimate})`),
  ];
  const estimated = items.filter((item) => item.estimateRange !== null);
  const figures = levelFigures(
    estimated.map((item) => ({ id: item.id, estimate: item.estimateRange })),
    false,
    null,
  );
  lines.push(
    "",
    `Estimated time: ${formatHours(figures.sequential)} (sequential); the parallel time follows from the levels the prompt produces`,
    "",
    "Run without --dry-run to generate the prompt.",
  );
  return lines.join("\n");
}
