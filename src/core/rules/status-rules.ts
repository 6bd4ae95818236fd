/**
 * missing-subplan, missing-execution, status-drift and dependency-not-complete: the statuses in
 * parallel.json against the files that exist (filesystem first, seed 003 Gap 2).
 */
import type { Achievement } from "../model.js";
import { isDone } from "../plan-files.js";
import type { Status } from "../types.js";
import { reportAt, type PlanContext } from "./plan-context.js";

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
  for (const achievement of context.plan.byId.values()) {
    checkFiles(context, achievement);
    checkDrift(context, achievement);
    checkDependenciesDone(context, achievement);
  }
}

function checkFiles(context: PlanContext, achievement: Achievement): void {
  const files = context.files.get(achievement.id);
  if (!files || files.subplan) return;
  const expected = context.expectedSubplan(achievement);
  const { declaredStatus: declared, id } = achievement;
  const statusPath = [...achievement.path, "status"];
  if (achievement.subplanPath !== null) {
    reportAt(
      context,
      "missing-subplan",
      [...achievement.path, "subplan_path"],
      `${id}: subplan_path names ${JSON.stringify(achievement.subplanPath)}, which does not exist`,
      [id],
    );
  } else if (files.approved || files.executions.length > 0) {
    const evidence = files.approved ?? (files.executions[0] as string);
    reportAt(
      context,
      "missing-subplan",
      [...achievement.path, "id"],
      `${id}: ${evidence} exists but there is no SUBPLAN (expected ${expected})`,
      [id],
    );
  } else if (declared !== null && IMPLIES_SUBPLAN.has(declared)) {
    reportAt(
      context,
      "missing-subplan",
      statusPath,
      `${id} is "${declared}" but its SUBPLAN ${expected} does not exist`,
      [id],
    );
  }
}

function checkDrift(context: PlanContext, achievement: Achievement): void {
  const { declaredStatus: declared, id } = achievement;
  const derived = context.derived.get(id) as Status;
  const files = context.files.get(id);
  const statusPath = [...achievement.path, "status"];
  if (
    declared !== null &&
    IMPLIES_EXECUTION.has(declared) &&
    files &&
    files.executions.length === 0 &&
    !files.approved
  ) {
    reportAt(
      context,
      "missing-execution",
      statusPath,
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
      statusPath,
      `${id} is "${declared}" in parallel.json but its files say "${derived}"`,
      [id],
    );
  }
}

function checkDependenciesDone(context: PlanContext, achievement: Achievement): void {
  const status = context.status.get(achievement.id) as Status;
  const declared = achievement.declaredStatus;
  const started = STARTED.has(status) || (declared !== null && STARTED.has(declared));
  if (!started) return;
  for (const ref of achievement.dependencies) {
    const dependency = context.plan.byId.get(ref.id);
    if (!dependency || dependency === achievement) continue;
    const dependencyStatus = context.status.get(dependency.id) as Status;
    if (!isDone(dependencyStatus)) {
      reportAt(
        context,
        "dependency-not-complete",
        ref.path,
        `${achievement.id} is "${STARTED.has(status) ? status : declared}" but its dependency ${dependency.id} is "${dependencyStatus}"`,
        [achievement.id, dependency.id],
      );
    }
  }
}
