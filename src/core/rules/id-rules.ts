/** duplicate-id and ambiguous-id: every achievement needs its own id and its own file token. */
import { fieldPath } from "../normalize-plan.js";
import { reportAt, type PlanContext } from "./plan-context.js";

export function checkIds(context: PlanContext): void {
  const firstByToken = new Map<string, string>();
  for (const achievement of context.plan.achievements) {
    const { id, token } = achievement;
    if (achievement.node === -1) {
      reportAt(
        context,
        "duplicate-id",
        fieldPath(achievement, "id"),
        `achievement id ${id} is used more than once`,
        [id],
      );
      continue;
    }
    const other = firstByToken.get(token);
    if (other === undefined) {
      firstByToken.set(token, id);
      continue;
    }
    reportAt(
      context,
      "ambiguous-id",
      fieldPath(achievement, "id"),
      `achievement ids ${other} and ${id} share the file token "${token}", so their SUBPLAN, EXECUTION_TASK and APPROVED files cannot be told apart`,
      [other, id],
    );
  }
}
