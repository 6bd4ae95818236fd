/**
 * The values of the parallel discovery prompt: the achievement inventory from the PLAN markdown
 * (from parallel.json when the plan has no PLAN), the existing parallel.json if any, and the
 * schema the answer must follow.
 */
import { addHours, formatHours, ZERO_HOURS } from "../core/estimate.js";
import type { PlanReport } from "../core/model.js";
import type { NamingPatterns } from "../core/options.js";
import { PARALLEL_SCHEMA } from "../core/parallel-schema.js";
import { fillPattern } from "../core/plan-files.js";
import type { HourRange } from "../core/types.js";
import { PlanFacts, estimateText, inPlanFolder } from "./achievement-facts.js";
import { cleanLine } from "./clean-text.js";

let schemaText: string | undefined;

/** parallel.json's JSON Schema, as the prompt shows it (written out once). */
function parallelSchema(): string {
  schemaText ??= JSON.stringify(PARALLEL_SCHEMA, null, 2);
  return schemaText;
}

/** One achievement of the inventory. */
export interface InventoryItem {
  id: string;
  title: string;
  estimate: string;
  estimateRange: HourRange | null;
  purpose: string | null;
  dependencies: string | null;
  deliverables: string | null;
}

/** The achievements the discovery prompt lists, in the PLAN's order. */
export function inventory(plan: PlanReport): InventoryItem[] {
  const facts = new PlanFacts(plan);
  const entries = plan.document?.achievements ?? [];
  if (entries.length > 0) {
    const json = new Map(plan.achievements.map((a) => [a.id, a]));
    return entries.map((entry) => {
      const known = json.get(entry.id) ?? null;
      const fromPlan = estimateText(null, entry);
      return {
        id: cleanLine(entry.id, 20),
        title: cleanLine(entry.title || known?.title || "", 200),
        estimate: fromPlan === "not estimated" && known ? estimateText(known) : fromPlan,
        estimateRange: entry.estimate ?? known?.estimate ?? null,
        purpose: facts.section(entry.id, "purpose"),
        dependencies: facts.section(entry.id, "dependencies"),
        deliverables: facts.section(entry.id, "deliverables"),
      };
    });
  }
  return plan.achievements.map((a) => ({
    id: cleanLine(a.id, 20),
    title: cleanLine(a.title, 200),
    estimate: estimateText(a),
    estimateRange: a.estimate,
    purpose: null,
    dependencies:
      a.dependencies.length > 0 ? a.dependencies.map((id) => cleanLine(id, 20)).join(", ") : null,
    deliverables: null,
  }));
}

/** The mustache view of `discover.mustache`. */
export function discoverView(plan: PlanReport, patterns: NamingPatterns) {
  const items = inventory(plan);
  const total = items
    .map((item) => item.estimateRange)
    .filter((range): range is HourRange => range !== null)
    .reduce(addHours, { ...ZERO_HOURS });
  return {
    plan: planFields(plan, patterns),
    existing:
      plan.levels.length > 0
        ? { levels: plan.levels.length, achievements: plan.achievements.length }
        : null,
    count: items.length,
    total: `${formatHours(total)} sequential${items.some((i) => i.estimateRange === null) ? " (some achievements unestimated)" : ""}`,
    achievements: items.map(({ estimateRange: _range, ...item }) => item),
    schema: parallelSchema(),
  };
}

/** The plan's names and paths, shared by every prompt's view. */
export function planFields(plan: PlanReport, patterns: NamingPatterns) {
  return {
    name: cleanLine(plan.name, 200),
    dir: cleanLine(plan.dir === "" ? "." : plan.dir, 300),
    title: cleanLine(plan.document?.title ?? plan.name, 200),
    planFile: cleanLine(inPlanFolder(plan, fillPattern(patterns.plan, { plan: plan.name })), 300),
    outputFile: cleanLine(inPlanFolder(plan, "parallel.json"), 300),
  };
}
