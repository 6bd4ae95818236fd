/** What every rule of one plan sees: the normalised plan, where its values are written, its files. */
import type { JsonDocument, JsonPath } from "../json-document.js";
import type { FindingCollector } from "../findings.js";
import type {
  Achievement,
  AchievementFiles,
  ParallelPlan,
  PlanDocument,
  PlanFolder,
} from "../model.js";
import type { RuleCode, Status } from "../types.js";

export interface PlanContext {
  folder: PlanFolder;
  plan: ParallelPlan;
  json: JsonDocument;
  /** Path of parallel.json from the snapshot root. */
  jsonFile: string;
  /** The PLAN markdown, when the folder has a readable one. */
  document: PlanDocument | null;
  documentFile: string | null;
  /** Files of each achievement, by `Achievement.node`. */
  files: readonly AchievementFiles[];
  /** Status each achievement's files prove, by `Achievement.node`. */
  derived: readonly Status[];
  /** Status the analysis works with (failed/skipped as declared, else the files'), by `Achievement.node`. */
  status: readonly Status[];
  /** Expected SUBPLAN path of each achievement, from the snapshot root. */
  expectedSubplan: (achievement: Achievement) => string;
  findings: FindingCollector;
}

/** Report a finding at a value of parallel.json. */
export function reportAt(
  context: PlanContext,
  rule: RuleCode,
  path: JsonPath,
  message: string,
  achievements: string[] = [],
): void {
  context.findings.add(
    rule,
    context.jsonFile,
    { document: context.json, path },
    message,
    achievements,
  );
}

/** A snapshot path as seen from the plan folder, for messages (the finding's `file` has the full path). */
export function inPlan(context: Pick<PlanContext, "folder">, path: string): string {
  const prefix = context.folder.dir === "" ? "" : `${context.folder.dir}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
