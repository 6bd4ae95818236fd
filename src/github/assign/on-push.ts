/**
 * `push` to the default branch: keep the app's achievement issues in step with the plans the push
 * touches (close on APPROVED, reopen when it is removed, `failed` label, close removed
 * achievements and complete levels); with `dashboard: true` keep each plan's dashboard issue;
 * then with `assign.auto: true` fan out each ready level whose achievements lack issues, else
 * offer the "Open level N issues" button on the commit's check run. A push touching no plan
 * costs no request; one touching plans costs the config query, the issue listing and the plan
 * query, plus the writes.
 */
import type { Context } from "probot";
import {
  lifecycleActions,
  planUnreadable,
  type LifecycleAction,
} from "../../core/assignment/lifecycle.js";
import { defaultLevel, levelRefusal } from "../../core/assignment/level-issues.js";
import { configToOptions } from "../../core/config.js";
import { isZeroSha, pushChangedPaths } from "../pipeline/changed-paths.js";
import { CommitReader } from "../pipeline/commit-reader.js";
import type { AppDeps } from "../deps.js";
import { buildSnapshotQuery } from "../pipeline/graphql-query.js";
import { loadRepoConfig } from "../pipeline/repo-config.js";
import type { BlobNode } from "../pipeline/commit-files.js";
import {
  CONFIG_PATH,
  rulesFor,
  touchedPlanFolders,
  touchesConfig,
} from "../pipeline/touched-plans.js";
import { writeDashboards } from "./dashboard-writer.js";
import { fanOutLevel } from "./fan-out.js";
import { renderFanOut } from "./fan-out-reply.js";
import { levelButtons, offerButtons } from "./level-button.js";
import { listOwnIssues, type RepoRef } from "./own-issues.js";
import type { ProbotOctokit } from "probot";
import { repositoryRef } from "../pipeline/repository-ref.js";
import { issuesKey } from "../pipeline/lock-keys.js";

/**
 * Apply the lifecycle writes: the state change, then its comment (or the label). State first:
 * a failed PATCH leaves no comment behind, and once it succeeded the next run finds the issue in
 * its new state and writes nothing, so a redelivery never comments twice without listing the
 * issue's comments. (A failed comment after a successful PATCH is lost, not repeated.)
 */
async function applyLifecycle(
  octokit: ProbotOctokit,
  where: RepoRef,
  actions: readonly LifecycleAction[],
): Promise<void> {
  for (const action of actions) {
    const issue = { ...where, issue_number: action.number };
    if (action.kind === "label") {
      await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
        ...issue,
        labels: [action.label],
      });
      continue;
    }
    await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...issue,
      ...(action.kind === "close"
        ? { state: "closed" as const, state_reason: action.reason }
        : { state: "open" as const }),
    });
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...issue,
      body: action.comment,
    });
  }
}

/** Keep issues in step with a push to the default branch (and fan out with `assign.auto`). */
export async function onPushAssign(context: Context<"push">, deps: AppDeps): Promise<void> {
  const { payload, octokit, log } = context;
  const repository = payload.repository;
  if (payload.deleted || isZeroSha(payload.after)) return;
  if (payload.ref !== `refs/heads/${repository.default_branch}`) return;
  const repo = repositoryRef(repository);
  const where = { owner: repo.owner, repo: repo.name };
  const changed = await pushChangedPaths(octokit, repo, payload);
  const all = changed === "all" || touchesConfig(changed);
  const assumed = all
    ? "all"
    : touchedPlanFolders(changed, rulesFor(await deps.configs.get(repo.id)));
  if (assumed !== "all" && assumed.length === 0) return;

  const { query, variables } = buildSnapshotQuery({
    owner: repo.owner,
    name: repo.name,
    sha: payload.after,
    depth: 1,
    configExpression: `${repository.default_branch}:${CONFIG_PATH}`,
  });
  const answer = await octokit.graphql<{ repository: { config?: BlobNode | null } | null }>(
    query,
    variables,
  );
  const loaded = loadRepoConfig(answer.repository?.config ?? null);
  if (loaded.findings.length > 0) return;
  const config = loaded.config;
  const scope = all ? "all" : touchedPlanFolders(changed, rulesFor(config));
  if (scope !== "all" && scope.length === 0) return;
  const options = configToOptions(config);
  const reader = new CommitReader(octokit, repo, payload.after);
  await reader.complete(scope, options);
  const report = await deps.analyze(reader.files.snapshot(options), options);
  // A parallel.json that did not parse reports no achievements: never act on that.
  const plans = report.plans.filter((p) => !planUnreadable(p));
  if (plans.length < report.plans.length) {
    const skipped = report.plans.filter((p) => planUnreadable(p)).map((p) => p.name);
    log.warn({ sha: payload.after, plans: skipped }, "unreadable plans left alone");
  }
  const removed = new Set(payload.commits.flatMap((c) => c.removed ?? []));

  // One push at a time per repository: a redelivery arriving meanwhile then lists the issues
  // as this one left them and writes nothing again.
  const own = await deps.locks.run(issuesKey(repo.id), async () => {
    const listed = await listOwnIssues(octokit, where);
    const actions = lifecycleActions(
      plans,
      listed,
      { sha: payload.after, branch: repository.default_branch, removed },
      options.patterns,
    );
    await applyLifecycle(octokit, where, actions);
    if (actions.length > 0)
      log.info({ sha: payload.after, writes: actions.length }, "issues kept in step");
    if (config.dashboard) {
      const written = await writeDashboards(octokit, where, plans, listed);
      if (written.length > 0) log.info({ issues: written }, "dashboards written");
    }
    return listed;
  });

  if (!config.assign.auto) {
    const buttons = levelButtons(report.plans, own);
    const offered = await offerButtons(octokit, repo, payload.after, buttons, deps);
    if (offered) log.info({ sha: payload.after, buttons: buttons.length }, "level buttons offered");
    return;
  }
  for (const plan of plans) {
    const has = new Set(
      own.flatMap((i) =>
        i.marker.kind === "achievement" && i.marker.plan === plan.name ? [i.marker.id] : [],
      ),
    );
    const level = defaultLevel(plan, (id) => has.has(id));
    if (level === null) continue;
    const refusal = levelRefusal(
      plan,
      plan.levels.find((l) => l.level === level),
    );
    if (refusal !== null) {
      log.info({ plan: plan.name, level, refusal }, "level not fanned out on push");
      continue;
    }
    const result = await fanOutLevel({
      octokit,
      log,
      repo: { owner: repo.owner, repo: repo.name, id: repo.id },
      plan,
      level,
      patterns: options.patterns,
      assign: config.assign,
      lock: deps.locks,
      dryRun: false,
    });
    log.info(
      { plan: plan.name, level, created: result.created.length, failed: result.failure !== null },
      "level fanned out on push",
    );
    if (result.failure) {
      if (result.tracking) {
        await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          ...where,
          issue_number: result.tracking.number,
          body: renderFanOut(result),
        });
      }
      throw new Error(`fan-out of ${plan.name} level ${level} stopped: ${result.failure.reason}`);
    }
  }
}
