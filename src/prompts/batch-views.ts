/**
 * The values of the batch prompts. SUBPLAN creation quotes each achievement's PLAN sections
 * (purpose, what, success, deliverables, approach); EXECUTION creation quotes each SUBPLAN's
 * objective, approach, deliverables and execution strategy. Anything missing is said in place.
 */
import type { AchievementReport, PlanReport } from "../core/model.js";
import type { NamingPatterns } from "../core/options.js";
import { PlanFacts, estimateText, outputFile } from "./achievement-facts.js";
import { cleanLine, inItem } from "./clean-text.js";
import { planFields } from "./discover-view.js";
import type { LevelWork } from "./select-work.js";
import { subplanSections } from "./subplan-sections.js";

const NOT_IN_PLAN = "(not stated in the PLAN)";

function levelFields(work: LevelWork) {
  const { level } = work;
  const size =
    work.targets.length + work.existing.length + work.missing.length + work.settled.length;
  return {
    number: level.level,
    parallel: level.canParallelize,
    maxParallelism: level.maxParallelism ?? size,
    description: level.description === null ? null : cleanLine(level.description, 300),
  };
}

function common(a: AchievementReport, index: number, facts: PlanFacts) {
  return {
    number: index + 1,
    id: cleanLine(a.id, 20),
    title: cleanLine(a.title, 200),
    estimate: estimateText(a, facts.planEntry(a.id)),
    executor: a.executor === null ? null : cleanLine(a.executor, 100),
  };
}

/** The mustache view of `batch-subplans.mustache`. */
export function batchSubplansView(plan: PlanReport, work: LevelWork, patterns: NamingPatterns) {
  const facts = new PlanFacts(plan);
  const block = (id: string, key: string) => facts.section(id, key) ?? NOT_IN_PLAN;
  const line = (id: string, key: string) => inItem(facts.section(id, key) ?? NOT_IN_PLAN);
  return {
    plan: planFields(plan, patterns),
    level: levelFields(work),
    count: work.targets.length,
    achievements: work.targets.map((a, i) => ({
      ...common(a, i, facts),
      purpose: line(a.id, "purpose"),
      what: line(a.id, "what"),
      success: line(a.id, "success_criteria"),
      dependencies: facts.dependencies(a),
      blocks: facts.blocks(a),
      deliverables: block(a.id, "deliverables"),
      approach: block(a.id, "approach"),
      outputFile: outputFile(plan, patterns, "subplan", a.id),
    })),
  };
}

/** The mustache view of `batch-executions.mustache`. */
export function batchExecutionsView(
  plan: PlanReport,
  work: LevelWork,
  patterns: NamingPatterns,
  subplans: ReadonlyMap<string, string>,
) {
  const facts = new PlanFacts(plan);
  return {
    plan: planFields(plan, patterns),
    level: levelFields(work),
    count: work.targets.length,
    allReady: work.missing.length === 0,
    achievements: work.targets.map((a, i) => {
      const path = a.files.subplan ?? "";
      const text = subplans.get(path);
      const sections = text === undefined ? null : subplanSections(text);
      const part = (key: string, label: string) =>
        sections === null
          ? `(SUBPLAN text not available: read ${cleanLine(path, 300)})`
          : (sections.get(key) ?? `(no ${label} section in the SUBPLAN)`);
      return {
        ...common(a, i, facts),
        subplan: cleanLine(path, 300),
        objective: inItem(part("objective", "Objective")),
        approach: part("approach", "Approach"),
        deliverables: part("deliverables", "Deliverables"),
        strategy: inItem(part("execution_strategy", "Execution Strategy")),
        coordination: sections?.get("coordination") ?? null,
        outputFile: outputFile(plan, patterns, "execution", a.id),
      };
    }),
  };
}
