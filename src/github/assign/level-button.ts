/**
 * The "Open level N issues" button of the `parallel-plans` check run: offered on the default
 * branch's check (with its first write) when a plan has a ready level whose to-do achievements
 * lack issues, and handled on `check_run.requested_action` by the same fan-out as `/parallel assign`.
 */
import type { Context, Logger, ProbotOctokit } from "probot";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import { defaultLevel, levelRefusal } from "../../core/assignment/level-issues.js";
import { configToOptions } from "../../core/config.js";
import type { PlanReport } from "../../core/model.js";
import { allows } from "../../commands/permission.js";
import {
  CHECK_NAME,
  MAX_CHECK_ACTIONS,
  openLevelAction,
  readOpenLevelAction,
  type CheckAction,
} from "../check/check-run.js";
import { CommitReader } from "../pipeline/commit-reader.js";
import type { AppDeps } from "../deps.js";
import { buildSnapshotQuery } from "../pipeline/graphql-query.js";
import type { BlobNode } from "../pipeline/commit-files.js";
import { loadRepoConfig, type LoadedConfig } from "../pipeline/repo-config.js";
import { commenterAccess } from "../comments/permission-cache.js";
import { CONFIG_PATH } from "../pipeline/touched-plans.js";
import { fanOutLevel } from "./fan-out.js";
import { renderFanOut } from "./fan-out-reply.js";

/** Plans in the order button identifiers number them. */
export function plansInOrder(plans: readonly PlanReport[]): PlanReport[] {
  return [...plans].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** The buttons a commit's check should offer (at most 3), given the app's issues. */
export function levelButtons(
  plans: readonly PlanReport[],
  own: readonly ExistingIssue[],
): CheckAction[] {
  const actions: CheckAction[] = [];
  plansInOrder(plans).forEach((plan, index) => {
    const has = new Set(
      own.flatMap((i) =>
        i.marker.kind === "achievement" && i.marker.plan === plan.name ? [i.marker.id] : [],
      ),
    );
    const level = defaultLevel(plan, (id) => has.has(id));
    if (level !== null) actions.push(openLevelAction(index, plan.name, level));
  });
  return actions.slice(0, MAX_CHECK_ACTIONS);
}

/** The config of the default branch and the plans at `sha` (all of them). */
async function readPlans(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  defaultBranch: string,
  sha: string,
  analyze: AppDeps["analyze"],
): Promise<{ loaded: LoadedConfig; plans: PlanReport[] }> {
  const { query, variables } = buildSnapshotQuery({
    owner: repo.owner,
    name: repo.name,
    sha,
    depth: 1,
    configExpression: `${defaultBranch}:${CONFIG_PATH}`,
  });
  const answer = await octokit.graphql<{ repository: { config?: BlobNode | null } | null }>(
    query,
    variables,
  );
  const loaded = loadRepoConfig(answer.repository?.config ?? null);
  const options = configToOptions(loaded.config);
  const reader = new CommitReader(octokit, repo, sha);
  await reader.complete("all", options);
  return { loaded, plans: (await analyze(reader.files.snapshot(options), options)).plans };
}

/** `check_run.requested_action`: the "Open level N issues" button was clicked. */
export async function onOpenLevelClicked(
  context: Context<"check_run.requested_action">,
  deps: AppDeps,
): Promise<void> {
  const { payload, octokit } = context;
  const log: Logger = context.log;
  if (payload.check_run.name !== CHECK_NAME) return;
  const wanted = readOpenLevelAction(payload.requested_action?.identifier ?? "");
  if (!wanted) return;
  const repository = payload.repository;
  const repo = { owner: repository.owner.login, name: repository.name, id: repository.id };
  const { loaded, plans } = await readPlans(
    octokit,
    repo,
    repository.default_branch,
    payload.check_run.head_sha,
    deps.analyze,
  );
  if (loaded.findings.length > 0) return;
  const config = loaded.config;
  const access = await commenterAccess(deps.permissions, octokit, repo, payload.sender.login);
  if (!allows(access, config.commands.min_permission.assign)) {
    log.info({ login: payload.sender.login, access }, "level button refused for permission");
    return;
  }
  const plan = plansInOrder(plans)[wanted.planIndex];
  if (
    !plan ||
    levelRefusal(
      plan,
      plan.levels.find((l) => l.level === wanted.level),
    ) !== null
  ) {
    log.info({ ...wanted }, "level button no longer applies");
    return;
  }
  const options = configToOptions(config);
  const result = await fanOutLevel({
    octokit,
    log,
    repo: { owner: repo.owner, repo: repo.name, id: repo.id },
    plan,
    level: wanted.level,
    patterns: options.patterns,
    assign: config.assign,
    lock: deps.locks,
    dryRun: false,
  });
  log.info(
    { plan: plan.name, level: wanted.level, created: result.created.length },
    "level fanned out from the check run",
  );
  // Only a stop is worth a comment: the issues themselves are the answer to a click.
  if (result.failure && result.tracking) {
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: repo.owner,
      repo: repo.name,
      issue_number: result.tracking.number,
      body: renderFanOut(result),
    });
  }
}
