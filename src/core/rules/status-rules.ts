/**
 * missing-subplan, missing-execution, status-drift and dependency-not-complete: the statuses in
 * parallel.json against the files that exist (filesystem first, seed 003 Gap 2).
 */
import { fieldPath, refPath } from "../normalize-plan.js";
import type { Achievement, AchievementFiles } from "../model.js";
import { isDone } from "../plan-files.js";
import type { Status } from "../types.js";
import { inPlan, reportAt, type PlanContext } from "./plan-context.js";

/** Declared statuses that say a SUBPLAN file exists. */
const IMPLIES_SUBPLAN: ReadonlySet<Status> = new Set([
  "subplan_created",
  "execution_created",
  "in_progress",
  "complete",
]);
/** Declared statuses that say an EXECUTION_TASK file exists. */
const IMPLIES_EXECUTION: ReadonlySet<Status> = new Set(["execution_created", "in_progress"]);
/** Statuses under which work has started, so every dependency must be done. */
const STARTED: ReadonlySet<Status> = new Set(["execution_created", "in_progress", "complete"]);

export function checkStatuses(context: PlanContext): void {
  for (const achievement of context.plan.nodes) {
    checkFiles(context, achievement);
    checkDrift(context, achievement);
    checkDependenciesDone(context, achievement);
  }
}

function checkFiles(context: PlanContext, achievement: Achievement): void {
  const files = context.files[achievement.node] as AchievementFiles;
  if (files.subplan) return;
  // Paths and messages are built only for a finding: most achievements have none.
  const { declaredStatus: declared, id } = achievement;
  if (achievement.subplanPath !== null) {
    reportAt(
      context,
      "missing-subplan",
      fieldPath(achievement, "subplan_path"),
      `${id}: subplan_path names ${JSON.stringify(achievement.subplanPath)}, which does not exist`,
      [id],
    );
  } else if (files.approved || files.executions.length > 0) {
    const evidence = inPlan(context, files.approved ?? (files.executions[0] as string));
    reportAt(
      context,
      "missing-subplan",
      fieldPath(achievement, "id"),
      `${id}: ${evidence} exists but there is no SUBPLAN (expected ${expectedSubplan(context, achievement)})`,
      [id],
    );
  } else if (declared !== null && IMPLIES_SUBPLAN.has(declared)) {
    reportAt(
      context,
      "missing-subplan",
      fieldPath(achievement, "status"),
      `${id} is "${declared}" but its SUBPLAN ${expectedSubplan(context, achievement)} does not exist`,
      [id],
    );
  }
}

function expectedSubplan(context: PlanContext, achievement: Achievement): string {
  return inPlan(context, context.expectedSubplan(achievement));
}

function checkDrift(context: PlanContext, achievement: Achievement): void {
  const { declaredStatus: declared, id } = achievement;
  const derived = context.derived[achievement.node] as Status;
  const files = context.files[achievement.node] as AchievementFiles;
  if (
    declared !== null &&
    IMPLIES_EXECUTION.has(declared) &&
    files.executions.length === 0 &&
    !files.approved
  ) {
    reportAt(
      context,
      "missing-execution",
      fieldPath(achievement, "status"),
      `${id} is "${declared}" but no EXECUTION_TASK file exists for it`,
      [id],
    );
  }
  if (declared === null || declared === "failed" || declared === "skipped") return;
  // The files cannot tell execution_created from in_progress: both mean an EXECUTION_TASK exists.
  const same =
    declared === derived || (declared === "execution_created" && derived === "in_progress");
  if (!same) {
    reportAt(
      context,
      "status-drift",
      fieldPath(achievement, "status"),
      `${id} is "${declared}" in parallel.json but its files say "${derived}"`,
      [id],
    );
  }
}

/**
 * Work has started (by the files) while a
 * dependency is not done. The files decide, so a status only claimed in parallel.json is left to
 * status-drift.
 */
function checkDependenciesDone(context: PlanContext, achievement: Achievement): void {
  const status = context.status[achievement.node] as Status;
  if (!STARTED.has(status)) return;
  const dependencies = achievement.dependencies;
  const targets = dependencies.targets;
  for (let at = 0; at < targets.length; at++) {
    const dependency = targets[at];
    if (!dependency || dependency === achievement) continue;
    const dependencyStatus = context.status[dependency.node] as Status;
    if (isDone(dependencyStatus)) continue;
    reportAt(
      context,
      "dependency-not-complete",
      refPath(achievement, dependencies, at),
      `${achievement.id} is "${status}" but its dependency ${dependency.id} is "${dependencyStatus}"`,
      [achievement.id, dependency.id],
    );
  }
}
