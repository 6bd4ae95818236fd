/**
 * One `parallel-plans` check of one commit: read it (config, existing run, plan folders), decide
 * which run to write, analyse, write the run once, finished (in progress first only for long
 * work: every plan, or many folders). Every handler ends here. Whatever fails after
 * the run exists, the run is completed with a clear message; it is never left in progress. A run
 * already up to date is left alone, except for the buttons a default-branch push adds to it.
 */
import type { Logger, ProbotOctokit } from "probot";
import { configToOptions, DEFAULT_CONFIG, type RepoConfig } from "../../core/config.js";
import type { AnalysisReport } from "../../core/model.js";
import type { AnalysisOptions } from "../../core/options.js";
import type { QueryPart } from "../pipeline/graphql-query.js";
import {
  covers,
  describeScope,
  readMarker,
  recordableScope,
  rewriteMarker,
  writeMarker,
  type Scope,
} from "./check-marker.js";
import {
  CHECK_NAME,
  configCheck,
  errorCheck,
  startedOutput,
  type CheckAction,
} from "./check-run.js";
import { CheckRunWriter, type FinishedCheck } from "./check-run-writer.js";
import { analyse, reportCheck } from "./check-report.js";
import { decideTarget, type ExistingRun } from "./check-target.js";
import { CommitReader, type FirstRead } from "../pipeline/commit-reader.js";
import type { AppDeps } from "../deps.js";
import { describeFailure } from "../pipeline/failure.js";
import { loadRepoConfig, type LoadedConfig } from "../pipeline/repo-config.js";
import { identityOf } from "../pipeline/app-identity.js";
import { commitKey } from "../pipeline/lock-keys.js";
import { CONFIG_PATH, rulesFor, touchedPlanFolders } from "../pipeline/touched-plans.js";

export interface CommitCheck {
  octokit: ProbotOctokit;
  log: Logger;
  repo: { owner: string; name: string; id: number; defaultBranch: string };
  sha: string;
  /**
   * The changed paths of the event, "all" to check every plan of the commit, or paths the first
   * read brings (a pull request's files).
   */
  changes: Changes | ChangesInRead;
  /** check_suite / check_run `rerequested`. */
  rerequest: boolean;
  deliveryId: string;
}

/** Changed paths, or "all" plans. */
export type Changes = readonly string[] | "all";

/**
 * Changes the event's first read brings along (a pull request's files): the part asking for them,
 * and how to take them from the answer (with a request of its own when the answer cannot tell).
 */
export interface ChangesInRead {
  part: QueryPart;
  read: (first: FirstRead) => Promise<Changes>;
}

function inRead(changes: CommitCheck["changes"]): changes is ChangesInRead {
  return typeof changes === "object" && "part" in changes;
}

/**
 * The plan folders the change touches as far as the app knows the config (no request); null
 * when the changes come with the first read.
 */
async function initialScope(
  check: Pick<CommitCheck, "changes" | "repo">,
  deps: AppDeps,
): Promise<Scope | null> {
  if (inRead(check.changes)) return null;
  if (check.changes === "all") return "all";
  // Past what the run's marker can list, every plan: one tree listing instead of a query per
  // hundred folders, and the scope the run will record.
  return recordableScope(
    touchedPlanFolders(check.changes, rulesFor(await deps.configs.get(check.repo.id))),
  );
}

/** What else rides on the check of an event (a push to the default branch). */
export interface CheckExtras {
  /** Fields the other features of the event add to the one read. */
  parts?: readonly QueryPart[];
  /** Analyse even when the run is already up to date: the other features act on the report. */
  alwaysAnalyse?: boolean;
  /** The buttons the run offers, from the report and the read (at most 3). */
  actions?: (
    report: AnalysisReport,
    first: FirstRead,
    config: RepoConfig,
  ) => Promise<CheckAction[]>;
}

/** What the check read and found, for the features that act on the same event. */
export interface CheckOutcome {
  first: FirstRead;
  loaded: LoadedConfig;
  options: AnalysisOptions;
  /** The plan folders of the event under the repository's config. */
  scope: Scope;
  reader: CommitReader;
  /** The analysis of the event's plans; null when the config is invalid (nothing analysed). */
  report: AnalysisReport | null;
}

/**
 * Check the commit when the change touches a plan; a change touching none costs no request (or,
 * when the changes come with the read, only that read). Returns what was read and found (null
 * when nothing was).
 */
export async function checkCommit(
  check: CommitCheck,
  deps: AppDeps,
  extras: CheckExtras = {},
): Promise<CheckOutcome | null> {
  const scope = await initialScope(check, deps);
  if (scope !== null && scope !== "all" && scope.length === 0) {
    check.log.debug({ sha: check.sha }, "no plan touched");
    return null;
  }
  return deps.locks.run(commitKey(check.repo.id, check.sha), () =>
    runCheck(check, scope, deps, extras),
  );
}

async function runCheck(
  check: CommitCheck,
  initial: Scope | null,
  deps: AppDeps,
  extras: CheckExtras,
): Promise<CheckOutcome | null> {
  const { octokit, log, repo, sha } = check;
  const where = `${repo.owner}/${repo.name}@${sha}`;
  const reader = new CommitReader(octokit, repo, sha);
  const writer = new CheckRunWriter(octokit, repo, deps.now, check.deliveryId);
  const known = await deps.configs.get(repo.id);
  const pending = inRead(check.changes) ? check.changes : null;

  let first: FirstRead;
  let changes: Changes;
  try {
    const appId = await identityOf(deps).appId();
    // Changes that come with the read leave the folders to a second query, once they are known.
    first = await reader.first(
      initial ?? [],
      {
        configExpression: `${repo.defaultBranch}:${CONFIG_PATH}`,
        appId,
        checkName: CHECK_NAME,
      },
      configToOptions(known ?? DEFAULT_CONFIG),
      pending ? [...(extras.parts ?? []), pending.part] : extras.parts,
    );
    changes = pending ? await pending.read(first) : (check.changes as Changes);
  } catch (error) {
    // Before the read, a pull request's plans are unknown: a failure is the event's, not a run's.
    if (initial === null) {
      throw new Error(`reading ${where} failed: ${describeFailure(error)}`, { cause: error });
    }
    // Without the lookup the existing run is unknown: report on a new one so the failure shows.
    const marker = writeMarker({ scope: initial, config: null, done: false });
    await writer
      .create(sha, errorCheck(describeFailure(error), marker))
      .catch((reportError: unknown) =>
        log.error({ err: reportError, sha }, "check run not reported"),
      );
    throw new Error(`reading ${where} failed: ${describeFailure(error)}`, { cause: error });
  }

  const loaded = loadRepoConfig(first.config);
  if (loaded.findings.length === 0) await deps.configs.set(repo.id, loaded.config);
  else await deps.configs.forget(repo.id);
  const options = configToOptions(loaded.config);
  const assumed =
    initial ?? (changes === "all" ? "all" : touchedPlanFolders(changes, rulesFor(known)));
  // A folder list too long for the run's marker is checked as every plan, which it can record:
  // bounded here once, so every marker of this check records the scope it worked on.
  const scope: Scope = recordableScope(
    assumed === "all" || changes === "all" || loaded.findings.length > 0
      ? assumed
      : touchedPlanFolders(changes, rulesFor(loaded.config)),
  );
  if (scope !== "all" && scope.length === 0) {
    log.info({ sha }, "no plan touched under the repository config");
    return null;
  }
  const outcome: CheckOutcome = { first, loaded, options, scope, reader, report: null };

  const target = decideTarget(first.runs, {
    scope,
    config: loaded.oid,
    rerequest: check.rerequest,
    deliveryId: check.deliveryId,
  });
  if (target.kind === "skip") {
    log.info({ sha, checkRunId: target.id }, "check run already up to date");
    if (loaded.findings.length > 0) {
      deps.checkResults?.checked({
        sha,
        check: configCheck(loaded.findings, ""),
        report: null,
        options,
      });
    } else if (extras.alwaysAnalyse || deps.checkResults) {
      // The run already shows this; the other features, and the Action reporting its result
      // (a re-run must report and fail like the first run), still need the report.
      const report = await analyse(reader, scope, options, deps.analyze);
      outcome.report = report;
      const check = reportCheck(reader, { scope, annotated: scope }, options, report, "");
      deps.checkResults?.checked({ sha, check, report, options });
      const run = first.runs.find((r) => r.id === target.id);
      if (extras.actions && run) await offerButtons(writer, run, outcome, extras.actions, log);
    }
    return outcome;
  }
  const marker = (done: boolean, offered: readonly CheckAction[] = []) =>
    writeMarker({
      scope: target.scope,
      config: loaded.oid,
      done,
      offered: offered.map((action) => action.identifier),
    });
  // Long work shows a run in progress first; quick work writes the run once, finished.
  let id: number | null = target.kind === "update" ? target.id : null;
  try {
    if (id === null && takesLong(target.scope)) {
      id = await writer.start(sha, startedOutput(describeScope(target.scope), marker(false)));
    }
  } catch (error) {
    throw new Error(`starting the check run on ${where} failed: ${describeFailure(error)}`, {
      cause: error,
    });
  }

  try {
    let result: FinishedCheck;
    if (loaded.findings.length > 0) {
      result = configCheck(loaded.findings, marker(true));
    } else {
      const report = await analyse(reader, target.scope, options, deps.analyze);
      outcome.report = report;
      const actions = (await extras.actions?.(report, first, loaded.config)) ?? [];
      // The marker records the buttons, so a later push of this commit knows the run has them.
      const check = reportCheck(reader, target, options, report, marker(true, actions));
      result = { ...check, actions };
    }
    if (id === null) id = await writer.create(sha, result, (made) => (id = made));
    else await writer.finish(id, result);
    log.info({ sha, checkRunId: id, conclusion: result.conclusion }, "check run completed");
    deps.checkResults?.checked({ sha, check: result, report: outcome.report, options });
  } catch (error) {
    log.warn({ sha, checkRunId: id }, "check failed; completing the run with the reason");
    const failed = errorCheck(describeFailure(error), marker(false));
    await (id === null ? writer.create(sha, failed) : writer.finish(id, failed)).catch(
      (reportError: unknown) => log.error({ err: reportError, sha }, "check run not completed"),
    );
    throw new Error(`checking ${where} failed: ${describeFailure(error)}`, { cause: error });
  }
  return outcome;
}

/**
 * Plan folders a check reads and analyses before its first write without an in-progress run:
 * beyond this (or every plan of the commit) the run is shown in progress first.
 */
export const QUICK_SCOPE = 10;

function takesLong(scope: Scope): boolean {
  return scope === "all" || scope.length > QUICK_SCOPE;
}

/**
 * A skipped check of a push to the default branch: the run may come from a feature branch's push
 * of the same commit (a fast-forward), which offers no buttons. Give it the buttons the push
 * would offer when its marker does not record them, in one update that also records them in the
 * marker (a redelivery then writes nothing). Only when the run covers the same plans as the push:
 * the buttons number the plans of the run's scope.
 */
async function offerButtons(
  writer: CheckRunWriter,
  run: ExistingRun,
  outcome: CheckOutcome,
  buttons: NonNullable<CheckExtras["actions"]>,
  log: Logger,
): Promise<void> {
  const marker = readMarker(run.summary);
  if (!outcome.report || !marker || !sameScope(marker.scope, outcome.scope)) return;
  const actions = await buttons(outcome.report, outcome.first, outcome.loaded.config);
  const offered = marker.offered ?? [];
  const ids = actions.map((action) => action.identifier);
  if (ids.length === 0 || ids.join(" ") === offered.join(" ")) return;
  const output = {
    title: run.title ?? CHECK_NAME,
    summary: rewriteMarker(run.summary ?? "", { ...marker, offered: ids }),
  };
  // The buttons are an offer on top of a finished run: failing to add them fails nothing else.
  await writer.offer(run.id, actions, output).then(
    () => log.info({ checkRunId: run.id, actions: ids }, "buttons added to the commit's run"),
    (error: unknown) => log.warn({ err: error, checkRunId: run.id }, "buttons not added"),
  );
}

function sameScope(a: Scope, b: Scope): boolean {
  return covers(a, b) && covers(b, a);
}
