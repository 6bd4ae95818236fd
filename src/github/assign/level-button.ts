/**
 * The "Open level N issues" button of the `parallel-plans` check run: offered on the default
 * branch's check (with its first write) when a plan has a ready level whose to-do achievements
 * lack issues and a click would fan it out (no error in the plan), and handled on
 * `check_run.requested_action` by the same fan-out as `/parallel assign`. A refused click is
 * answered in the run's text, where the person who clicked is looking.
 */
import type { Context, Logger, ProbotOctokit } from "probot";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import { defaultLevel, levelRefusal } from "../../core/assignment/level-issues.js";
import { configToOptions, DEFAULT_CONFIG } from "../../core/config.js";
import type { AnalysisOptions } from "../../core/options.js";
import type { PlanReport } from "../../core/model.js";
import { allows } from "../../commands/permission.js";
import {
  CHECK_NAME,
  MAX_CHECK_ACTIONS,
  openLevelAction,
  readOpenLevelAction,
  type CheckAction,
} from "../check/check-run.js";
import { CheckRunWriter } from "../check/check-run-writer.js";
import { branchHeadField, readBranchHead } from "../pipeline/branch-head.js";
import { CommitReader, listingDepth } from "../pipeline/commit-reader.js";
import { issuesKey } from "../pipeline/lock-keys.js";
import { repositoryRef, type RepositoryRef } from "../pipeline/repository-ref.js";
import { readSnapshot } from "../pipeline/snapshot-read.js";
import { readMarker, type Scope } from "../check/check-marker.js";
import type { AppDeps } from "../deps.js";
import { loadRepoConfig, type LoadedConfig } from "../pipeline/repo-config.js";
import { commenterAccess } from "../comments/permission-cache.js";
import { CONFIG_PATH } from "../pipeline/touched-plans.js";
import { fanOutLevel, type FanOutResult } from "./fan-out.js";
import { labelsField, readLabels } from "./labels-query.js";
import { ownIssuesField, readOwnIssues } from "./own-issues-query.js";
import { listOwnIssues } from "./own-issues.js";
import { renderFanOut } from "./fan-out-reply.js";
import { inlineCode } from "../../core/assignment/block-text.js";
import { escapeMarkdownInline } from "../../render/sanitize.js";

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
    if (level === null) return;
    // A plan with an error would refuse the click: offer no button that cannot work.
    if (
      levelRefusal(
        plan,
        plan.levels.find((l) => l.level === level),
      ) !== null
    )
      return;
    actions.push(openLevelAction(index, plan.name, level));
  });
  return actions.slice(0, MAX_CHECK_ACTIONS);
}

/** What the click's one read found. */
interface ClickRead {
  loaded: LoadedConfig;
  options: AnalysisOptions;
  reader: CommitReader;
  own: ExistingIssue[];
  labels: string[] | null;
  /** The default branch's head: a click acts only from the head's run. */
  head: string | null;
}

/**
 * The click's one read: the config and head of the default branch, the check's plan folders at
 * `sha`, the app's issues and the repository's labels, in one GraphQL query. A check of every plan
 * (after a config change or a re-run) lists the commit's tree and reads its plan files too.
 */
async function readClick(
  octokit: ProbotOctokit,
  repo: RepositoryRef,
  sha: string,
  scope: Scope,
  deps: AppDeps,
): Promise<ClickRead> {
  const assumed = configToOptions((await deps.configs.get(repo.id)) ?? DEFAULT_CONFIG);
  const reader = new CommitReader(octokit, repo, sha);
  const answer = await readSnapshot(reader, {
    configExpression: `${repo.defaultBranch}:${CONFIG_PATH}`,
    folders: scope === "all" ? [] : scope,
    depth: listingDepth(assumed),
    parts: [ownIssuesField(), labelsField(), branchHeadField()],
  });
  const loaded = loadRepoConfig(answer.config);
  if (loaded.findings.length === 0) await deps.configs.set(repo.id, loaded.config);
  const own =
    readOwnIssues(answer.repository) ??
    (await listOwnIssues(octokit, { owner: repo.owner, repo: repo.name }));
  return {
    loaded,
    options: configToOptions(loaded.config),
    reader,
    own,
    labels: readLabels(answer.repository),
    head: readBranchHead(answer.repository),
  };
}

/** What a click came to: the fan-out, or the sentence saying why it was refused. */
type ClickOutcome = { fanned: FanOutResult } | { refused: string };

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
  const repo = repositoryRef(payload.repository);
  // The buttons number the plans of the check's scope (its marker), as the push offered them.
  const scope = readMarker(payload.check_run.output?.summary)?.scope ?? "all";
  const sha = payload.check_run.head_sha;
  // Under the repository's issues lock from before the read: the issues it lists stay true until
  // the fan-out has written (a double click waits here, then finds everything made).
  const result = await deps.locks.run(issuesKey(repo.id), async (): Promise<ClickOutcome> => {
    const read = await readClick(octokit, repo, sha, scope, deps);
    // The button stays on an older commit's run after a newer push: that run's plans are stale.
    if (read.head !== sha) {
      log.info({ sha, head: read.head }, "level button clicked on a run that is not the head's");
      return {
        refused: `this commit is no longer the head of ${inlineCode(repo.defaultBranch)}: use the button of the newer commit's run`,
      };
    }
    if (read.loaded.findings.length > 0) {
      return { refused: `the repository's ${inlineCode(CONFIG_PATH)} is invalid: fix it first` };
    }
    const config = read.loaded.config;
    const login = payload.sender.login;
    const access = await commenterAccess(deps.permissions, octokit, repo, login);
    const required = config.commands.min_permission.assign;
    if (!allows(access, required)) {
      log.info({ login, access }, "level button refused for permission");
      return {
        refused: `it needs **${required}** permission on this repository (or higher), and ${escapeMarkdownInline(login, 40)} has ${access}. ${inlineCode("commands.min_permission.assign")} in ${inlineCode(CONFIG_PATH)} sets it`,
      };
    }
    await read.reader.complete(scope, read.options);
    const snapshot = read.reader.files.snapshot(read.options);
    const plans = (await deps.analyze(snapshot, read.options)).plans;
    const plan = plansInOrder(plans)[wanted.planIndex];
    if (!plan) {
      log.info({ ...wanted }, "level button's plan not found");
      return { refused: "its plan is no longer among the plans of this check: re-run the check" };
    }
    const refusal = levelRefusal(
      plan,
      plan.levels.find((l) => l.level === wanted.level),
    );
    if (refusal !== null) {
      log.info({ ...wanted, refusal }, "level button no longer applies");
      return { refused: refusal };
    }
    const fanned = await fanOutLevel({
      octokit,
      log,
      repo: { owner: repo.owner, repo: repo.name, id: repo.id },
      plan,
      level: wanted.level,
      patterns: read.options.patterns,
      assign: config.assign,
      lock: deps.locks,
      dryRun: false,
      read: { own: read.own, labels: read.labels },
    });
    return { fanned };
  });
  if ("refused" in result) {
    // The run keeps its title and summary (with the marker); the answer is its text.
    const output = payload.check_run.output;
    const writer = new CheckRunWriter(octokit, repo, deps.now, context.id);
    await writer.answer(payload.check_run.id, {
      title: output?.title ?? CHECK_NAME,
      summary: output?.summary ?? "",
      text: `**Open level ${wanted.level} issues** was refused: ${result.refused}.`,
    });
    return;
  }
  const fanned = result.fanned;
  log.info(
    { plan: fanned.plan, level: wanted.level, created: fanned.created.length },
    "level fanned out from the check run",
  );
  // Only a stop is worth a comment: the issues themselves are the answer to a click.
  if (fanned.failure && fanned.tracking) {
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: repo.owner,
      repo: repo.name,
      issue_number: fanned.tracking.number,
      body: renderFanOut(fanned),
    });
  }
}
