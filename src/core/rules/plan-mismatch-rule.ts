/**
 * plan-mismatch: PLAN_<NAME>.md and parallel.json must describe the same achievements with the same
 * titles, and parallel.json's plan_name must be the plan's name.
 */
import { fieldPath } from "../normalize-plan.js";
import { reportAt, type PlanContext } from "./plan-context.js";

export function checkPlanMatches(context: PlanContext): void {
  const { plan, folder } = context;
  if (plan.planName !== null && plan.planName !== folder.name) {
    reportAt(
      context,
      "plan-mismatch",
      ["plan_name"],
      `plan_name is ${JSON.stringify(plan.planName)} but the plan folder is ${JSON.stringify(folder.name)}`,
    );
  }
  const { document, documentFile } = context;
  if (!document || !documentFile) return;
  if (document.achievements.length === 0) {
    context.findings.add(
      "plan-mismatch",
      documentFile,
      { line: 1, column: 1 },
      `${basename(documentFile)} describes no achievements (write them as "**Achievement 1.1: Title**" or "### Achievement 1.1: Title")`,
    );
    return;
  }
  const described = new Map(document.achievements.map((a) => [a.id, a]));
  for (const achievement of plan.nodes) {
    const entry = described.get(achievement.id);
    if (!entry) {
      reportAt(
        context,
        "plan-mismatch",
        fieldPath(achievement, "id"),
        `${achievement.id} is in parallel.json but not in ${basename(documentFile)}`,
        [achievement.id],
      );
    } else if (
      entry.title !== "" &&
      achievement.title !== "" &&
      comparable(entry.title) !== comparable(achievement.title)
    ) {
      reportAt(
        context,
        "plan-mismatch",
        fieldPath(achievement, "title"),
        `${achievement.id} is titled ${JSON.stringify(achievement.title)} in parallel.json but ${JSON.stringify(entry.title)} in ${basename(documentFile)}`,
        [achievement.id],
      );
    }
  }
  for (const entry of document.achievements) {
    if (!plan.byId.has(entry.id)) {
      context.findings.add(
        "plan-mismatch",
        documentFile,
        entry.position,
        `${entry.id} is in ${basename(documentFile)} but not in parallel.json`,
        [entry.id],
      );
    }
  }
}

/** Titles compare without case, markdown emphasis, code marks and spacing differences. */
function comparable(title: string): string {
  return title
    .replace(/[*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.:;!]$/, "")
    .toLowerCase();
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
