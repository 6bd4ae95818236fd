/** duplicate-id and ambiguous-id: every achievement needs its own id and its own file token. */
import { reportAt, type PlanContext } from "./plan-context.js";

export function checkIds(context: PlanContext): void {
  const firstById = new Map<string, string>();
  const firstByToken = new Map<string, string>();
  for (const achievement of context.plan.achievements) {
    const { id, token } = achievement;
    const idPath = [...achievement.path, "id"];
    if (firstById.has(id)) {
      reportAt(context, "duplicate-id", idPath, `achievement id ${id} is used more than once`, [
        id,
      ]);
      continue;
    }
    firstById.set(id, id);
    const other = firstByToken.get(token);
    if (other !== undefined) {
      reportAt(
        context,
        "ambiguous-id",
        idPath,
        `achievement ids ${other} and ${id} share the file token "${token}", so their SUBPLAN, EXECUTION_TASK and APPROVED files cannot be told apart`,
        [other, id],
      );
    } else {
      firstByToken.set(token, id);
    }
  }
}
