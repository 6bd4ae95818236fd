/**
 * Which plan a command is about, read at the comment's commit: `--plan` (a guessed folder first,
 * the listing when the guess misses), else the one plan the pull request touches, else the
 * repository's only plan. When that does not settle it, the answer is the reply listing plans.
 */
import {
  guessPlanFolders,
  planRef,
  plansNamed,
  renderChoosePlan,
  renderNoPlan,
} from "../../commands/plan-choice.js";
import { rulesFor, touchedPlanFolders } from "../pipeline/touched-plans.js";
import type { CommentReader, ReadPlan } from "./comment-reader.js";

/** Guessed folders tried for `--plan` before listing the repository. */
const MAX_GUESSES = 3;

/** The plan read, or the reply that asks which plan (or says there is none). */
export type PlanResolution = { kind: "plan"; plan: ReadPlan } | { kind: "reply"; body: string };

/** The plan a command is about, read at `sha`, or the reply when it cannot be told. */
export async function resolvePlan(
  reader: CommentReader,
  sha: string,
  requested: string | null,
  command: string,
): Promise<PlanResolution> {
  const { config, options } = await reader.context();
  const globs = options.plans;
  const found = async (dir: string): Promise<PlanResolution | null> => {
    const plan = await reader.readPlan(sha, dir);
    return plan ? { kind: "plan", plan } : null;
  };

  if (requested !== null) {
    for (const dir of guessPlanFolders(globs, requested).slice(0, MAX_GUESSES)) {
      const hit = await found(dir);
      if (hit) return hit;
    }
    const plans = await reader.listPlans(sha);
    const named = plansNamed(plans, requested);
    if (named.length > 1)
      return { kind: "reply", body: renderChoosePlan(named, command, "repository") };
    const hit = named[0] ? await found(named[0].dir) : null;
    return hit ?? { kind: "reply", body: renderNoPlan(requested, plans, globs, command) };
  }

  if (reader.target.pull !== null) {
    const changed = await reader.changedPaths();
    if (changed !== "all") {
      const touched = touchedPlanFolders(changed, rulesFor(config.config));
      if (touched.length > 1) {
        return { kind: "reply", body: renderChoosePlan(touched.map(planRef), command, "touched") };
      }
      const hit = touched[0] ? await found(touched[0]) : null;
      if (hit) return hit;
    }
  }

  const plans = await reader.listPlans(sha);
  if (plans.length > 1)
    return { kind: "reply", body: renderChoosePlan(plans, command, "repository") };
  const hit = plans[0] ? await found(plans[0].dir) : null;
  return hit ?? { kind: "reply", body: renderNoPlan(null, plans, globs, command) };
}
