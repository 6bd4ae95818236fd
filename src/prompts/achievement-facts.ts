/**
 * Facts about one achievement as prompts and previews state them: its estimate, its dependencies
 * with their status, what it blocks, the file a prompt asks for, its PLAN sections.
 */
import { formatHours } from "../core/estimate.js";
import type { AchievementReport, PlanAchievement, PlanReport } from "../core/model.js";
import type { NamingPatterns } from "../core/options.js";
import { fillPattern } from "../core/plan-files.js";
import { cleanBlock, cleanLine } from "./clean-text.js";

/** The estimate as written in parallel.json ("2-3 hours"), else from the PLAN, else "not estimated". */
export function estimateText(
  a: Pick<AchievementReport, "estimate" | "estimateText"> | null,
  fromPlan?: Pick<PlanAchievement, "estimate" | "estimateText"> | null,
): string {
  for (const source of [a, fromPlan]) {
    if (!source) continue;
    if (source.estimateText !== null && source.estimateText.trim() !== "") {
      return cleanLine(source.estimateText, 40);
    }
    if (source.estimate !== null) return formatHours(source.estimate);
  }
  return "not estimated";
}

/** Lookups over one plan report, built once per prompt. */
export class PlanFacts {
  private readonly byId = new Map<string, AchievementReport>();
  private readonly dependents = new Map<string, string[]>();
  private readonly sections = new Map<string, PlanAchievement>();

  constructor(readonly plan: PlanReport) {
    for (const a of plan.achievements) {
      if (this.byId.has(a.id)) continue;
      this.byId.set(a.id, a);
      for (const dep of a.dependencies) {
        const list = this.dependents.get(dep) ?? [];
        list.push(a.id);
        this.dependents.set(dep, list);
      }
    }
    for (const entry of plan.document?.achievements ?? []) {
      if (!this.sections.has(entry.id)) this.sections.set(entry.id, entry);
    }
  }

  /** "2.3 Batch EXECUTION Creation (complete)" per dependency, or "none". */
  dependencies(a: AchievementReport): string {
    if (a.dependencies.length === 0) return "none";
    return a.dependencies.map((id) => this.describe(id)).join("; ");
  }

  /** What depends on this achievement, or "none". */
  blocks(a: AchievementReport): string {
    const ids = this.dependents.get(a.id) ?? [];
    return ids.length === 0 ? "none" : ids.map((id) => this.describe(id)).join("; ");
  }

  /** The PLAN markdown's entry for an id. */
  planEntry(id: string): PlanAchievement | null {
    return this.sections.get(id) ?? null;
  }

  /** The text of a PLAN section (purpose, what, deliverables, approach, success_criteria…). */
  section(id: string, key: string): string | null {
    const found = this.sections.get(id)?.sections.find((s) => s.key === key);
    const text = found ? cleanBlock(found.text) : "";
    return text === "" ? null : text;
  }

  private describe(id: string): string {
    const found = this.byId.get(id);
    if (!found) return `${cleanLine(id, 20)} (not in parallel.json)`;
    const title = found.title === "" ? "" : ` ${cleanLine(found.title, 120)}`;
    return `${cleanLine(id, 20)}${title} (${found.status.replace(/_/g, " ")})`;
  }
}

/** The file token of an id: "3.2" → "32". */
export function tokenOf(id: string): string {
  return id.replace(/\./g, "");
}

/** A path under the plan folder, from the snapshot root ("" folder: the path itself). */
export function inPlanFolder(plan: Pick<PlanReport, "dir">, relative: string): string {
  return plan.dir === "" ? relative : `${plan.dir}/${relative}`;
}

/** Where the SUBPLAN (or first EXECUTION_TASK) of an achievement goes, by the naming patterns. */
export function outputFile(
  plan: Pick<PlanReport, "dir" | "name">,
  patterns: NamingPatterns,
  kind: "subplan" | "execution",
  id: string,
): string {
  const pattern = kind === "subplan" ? patterns.subplan : patterns.execution;
  const file = fillPattern(pattern, { plan: plan.name, token: tokenOf(id), nn: "01" });
  return cleanLine(inPlanFolder(plan, file), 300);
}
