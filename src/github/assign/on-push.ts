/**
 * `push` to the default branch: keep the app's achievement issues in step with the plans the push
 * touches (close on APPROVED, reopen when it is removed, `failed` label, close removed
 * achievements and complete levels); with `dashboard: true` keep each plan's dashboard issue;
 * then with `assign.auto: true` fan out each ready level whose achievements lack issues, else
 * offer the "Open level N issues" buttons, which the check run carries from its first write.
 * Reads nothing: the event's one read brought the plans and the app's issues.
 */
import {
  lifecycleActions,
  planUnreadable,
  type LifecycleAction,
} from "../../core/assignment/lifecycle.js";
import { defaultLevel, levelRefusal } from "../../core/assignment/level-issues.js";
import type { RepoConfig } from "../../core/config.js";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import type { AnalysisReport } from "../../core/model.js";
import type { CheckOutcome } from "../check/check-commit.js";
import type { CheckAction } from "../check/check-run.js";
import type { AppDeps } from "../deps.js";
import { writeDashboards } from "./dashboard-writer.js";
import { fanOutLevel } from "./fan-out.js";
import { renderFanOut } from "./fan-out-reply.js";
import { levelButtons } from "./level-button.js";
import type { RepoRef } from "./own-issues.js";
import type { Logger, ProbotOctokit } from "probot";
import type { RepositoryRef } from "../pipeline/repository-ref.js";

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

/** A push to the default branch as the issue lifecycle sees it, after the check read it. */
export interface IssuesPush {
  octokit: ProbotOctokit;
  log: Logger;
  repo: RepositoryRef;
  sha: string;
  /** Paths the push's commits removed (a removed APPROVED file reopens an issue). */
  removed: ReadonlySet<string>;
  outcome: CheckOutcome;
  /** The app's issues as the event's read found them. */
  own: readonly ExistingIssue[];
}

/**
 * The "Open level N issues" buttons the default branch's check offers (none with `assign.auto`,
 * which fans out instead), from the event's report and the app's issues.
 */
export function pushButtons(
  report: AnalysisReport,
  config: RepoConfig,
  own: readonly ExistingIssue[],
): CheckAction[] {
  return config.assign.auto ? [] : levelButtons(report.plans, own);
}

/**
 * Keep issues in step with a push to the default branch (and fan out with `assign.auto`), from
 * the check's report and the issues the event's one read listed: no read of its own.
 */
export async function keepIssuesInStep(push: IssuesPush, deps: AppDeps): Promise<void> {
  const { octokit, log, repo, sha, outcome, own } = push;
  const where = { owner: repo.owner, repo: repo.name };
  const report = outcome.report;
  if (report === null) return;
  const config = outcome.loaded.config;
  const options = outcome.options;
  // A parallel.json that did not parse reports no achievements: never act on that.
  const plans = report.plans.filter((p) => !planUnreadable(p));
  if (plans.length < report.plans.length) {
    const skipped = report.plans.filter((p) => planUnreadable(p)).map((p) => p.name);
    log.warn({ sha, plans: skipped }, "unreadable plans left alone");
  }
  const actions = lifecycleActions(
    plans,
    own,
    { sha, branch: repo.defaultBranch, removed: push.removed },
    options.patterns,
  );
  await applyLifecycle(octokit, where, actions);
  if (actions.length > 0) log.info({ sha, writes: actions.length }, "issues kept in step");
  if (config.dashboard) {
    const written = await writeDashboards(octokit, where, plans, own);
    if (written.length > 0) log.info({ issues: written }, "dashboards written");
  }
  if (!config.assign.auto) return;
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
