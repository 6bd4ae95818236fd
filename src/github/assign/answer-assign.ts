/**
 * `/parallel assign [--plan NAME] [--level N] [--dry-run]`: fan a level out to issues (the first
 * ready level lacking issues when `--level` is not given). Reads the default branch: in a pull
 * request the plan on the head is not yet the plan to execute.
 */
import type { Logger, ProbotOctokit } from "probot";
import { defaultLevel, levelRefusal } from "../../core/assignment/level-issues.js";
import type { CommandArgs } from "../../commands/parse-command.js";
import type { RepoConfig } from "../../core/config.js";
import type { PlanReport } from "../../core/model.js";
import type { NamingPatterns } from "../../core/options.js";
import type { AppDeps } from "../deps.js";
import { fanOutLevel, type EventRead } from "./fan-out.js";
import { renderDryRun, renderFanOut } from "./fan-out-reply.js";
import { listOwnIssues } from "./own-issues.js";

/** What answering `/parallel assign` needs of the comment. */
export interface AssignSession {
  octokit: ProbotOctokit;
  log: Logger;
  repo: { owner: string; repo: string; id: number };
  deps: AppDeps;
  config: RepoConfig;
  patterns: NamingPatterns;
  /** The app's issues and labels as the comment's read found them, under the issues lock. */
  read?: EventRead;
}

/** The reply to `/parallel assign` for `plan`. */
export async function answerAssign(
  plan: PlanReport,
  args: CommandArgs,
  session: AssignSession,
): Promise<string> {
  let level = args.level;
  if (level === null) {
    const own = session.read?.own ?? (await listOwnIssues(session.octokit, session.repo));
    const has = new Set(
      own.flatMap((i) =>
        i.marker.kind === "achievement" && i.marker.plan === plan.name ? [i.marker.id] : [],
      ),
    );
    level = defaultLevel(plan, (id) => has.has(id));
    if (level === null)
      return `Every ready level of \`${plan.name.replace(/`/g, "")}\` already has its issues (or nothing is ready): name one with \`--level N\`.`;
  }
  const refusal = levelRefusal(
    plan,
    plan.levels.find((l) => l.level === level),
  );
  if (refusal !== null) return `Nothing to assign: ${refusal}.`;
  const result = await fanOutLevel({
    octokit: session.octokit,
    log: session.log,
    repo: session.repo,
    plan,
    level,
    patterns: session.patterns,
    assign: session.config.assign,
    lock: session.deps.locks,
    dryRun: args.dryRun,
    ...(session.read ? { read: session.read } : {}),
  });
  session.log.info(
    {
      plan: plan.name,
      level,
      created: result.created.length,
      edited: result.edited.length,
      failed: result.failure !== null,
    },
    "level fanned out",
  );
  return args.dryRun ? renderDryRun(result) : renderFanOut(result);
}
