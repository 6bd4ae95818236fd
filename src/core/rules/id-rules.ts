/** duplicate-id and ambiguous-id: every achievement needs its own id and its own file token. */
import type { Achievement } from "../model.js";
import { fieldPath } from "../normalize-plan.js";
import { reportAt, type PlanContext } from "./plan-context.js";

export function checkIds(context: PlanContext): void {
  const sharing = tokensMayCollide(context.plan.nodes);
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
    if (!sharing) continue;
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

/** Ids longer than this are left to the map of tokens (the schema allows 16 characters). */
const LONGEST_ID = 64;

/**
 * Whether two of these (distinct) ids could share a token, decided without a map of every token.
 * Distinct ids with one dot each share their token only when they have the same length and the
 * dot at different places ("1.23" and "12.3"): so when every id has one dot and all ids of one
 * length put it at one place, as plans number their achievements, no two can. Anything else says
 * "may", and the tokens are compared one by one.
 */
export function tokensMayCollide(nodes: readonly Achievement[]): boolean {
  const dotAt = new Int8Array(LONGEST_ID + 1).fill(-1);
  for (const { id } of nodes) {
    const dot = id.indexOf(".");
    if (dot === -1 || id.length > LONGEST_ID || id.indexOf(".", dot + 1) !== -1) return true;
    const seen = dotAt[id.length] as number;
    if (seen === -1) dotAt[id.length] = dot;
    else if (seen !== dot) return true;
  }
  return false;
}
