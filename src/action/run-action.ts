/**
 * The GitHub Action: the app's own handlers (`createApp`) run once on the workflow's event, with
 * the workflow's token instead of an App's credentials — no App id, no webhook server. The
 * `parallel-plans` check run, its annotations and slash-command replies are written exactly as
 * the App writes them; the job summary, outputs and exit code come from the same checks. Two
 * things the App gets from GitHub the Action does itself: the check of each commit status sync
 * wrote (no workflow runs for a push made with the workflow's token), and the optional SARIF
 * file, which describes every plan of the commit (code scanning closes what an upload omits).
 */
import { appendFile, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Probot, type ProbotOctokit } from "probot";
import { createApp } from "../app.js";
import { TOOL_HOMEPAGE, TOOL_RULES_URI, TOOL_VERSION } from "../cli/version.js";
import { createDeps, type CheckResult, type SyncCommit } from "../github/deps.js";
import { AppOctokit } from "../github/pipeline/app-octokit.js";
import { describeFailure } from "../github/pipeline/failure.js";
import { renderSarif } from "../render/sarif.js";
import { actionResult } from "./action-result.js";
import { readSettings, type ActionSettings } from "./action-settings.js";
import { actionsIdentity } from "./actions-identity.js";
import { checkSyncCommits } from "./check-sync-commits.js";
import { formatOutputs } from "./github-output.js";
import {
  analyseWholeCommit,
  eventCommit,
  repositoryOf,
  type EventCommit,
  type WholeCommit,
} from "./whole-commit.js";

export interface ActionIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Log lines (workflow commands such as `::error::` included). */
  stdout(text: string): void;
  /** The Octokit class (tests turn retries off). */
  Octokit?: typeof ProbotOctokit;
}

const EXIT_OK = 0;
const EXIT_FAILED = 1;

/** Run the action and return the step's exit code. Never throws. */
export async function runAction(io: ActionIo): Promise<number> {
  const read = readSettings(io.env);
  if (read.kind === "skip") {
    io.stdout(`parallel-plans: ${read.reason}\n`);
    return EXIT_OK;
  }
  if (read.kind === "error") return fail(io, read.message);
  try {
    return await runWith(read.settings, io);
  } catch (error) {
    return fail(io, describeFailure(error));
  }
}

async function runWith(settings: ActionSettings, io: ActionIo): Promise<number> {
  const payload = await readEvent(settings.eventPath);
  const sarifFile =
    settings.sarifFile === null ? null : path.resolve(settings.workspace, settings.sarifFile);
  // A file left by an earlier run (a self-hosted runner's workspace) must not be uploaded as this one.
  if (sarifFile !== null) await rm(sarifFile, { force: true });
  const results: CheckResult[] = [];
  const syncCommits: SyncCommit[] = [];
  const probot = new Probot({
    githubToken: settings.token,
    baseUrl: settings.apiUrl,
    Octokit: io.Octokit ?? AppOctokit,
    logLevel: settings.logLevel,
  });
  const identity = actionsIdentity(settings.apiUrl, () => probot.auth());
  const deps = createDeps({
    syncOnPush: settings.sync,
    assignOnPush: settings.assign,
    identity,
    checkResults: { checked: (result) => void results.push(result) },
    syncCommits: { written: (commit) => void syncCommits.push(commit) },
  });
  await probot.load(createApp(deps));
  try {
    await probot.receive({
      id: settings.deliveryId,
      name: settings.eventName,
      payload,
    } as Parameters<Probot["receive"]>[0]);
  } catch (error) {
    // Probot gathers the handlers' errors; each already says what failed and where.
    const errors = (error as { errors?: unknown[] }).errors ?? [error];
    return fail(io, errors.map(describeFailure).join("; "));
  }
  const commit = eventCommit(settings.eventName, payload);
  // Probot hands every event of a token-authenticated Probot this one client, already paced by the app.
  const octokit = () => probot.auth();
  const repository = repositoryOf(payload);
  // What fails the step once the event's own results are written: a sync commit's check, the SARIF.
  const failures: string[] = [];
  if (syncCommits.length > 0 && repository !== null) {
    const checks = await checkSyncCommits(
      syncCommits,
      {
        octokit: await octokit(),
        log: probot.log,
        repo: repository,
        deliveryId: settings.deliveryId,
      },
      deps,
    );
    for (const line of checks.lines) io.stdout(`parallel-plans: ${line}\n`);
    failures.push(...checks.failures);
  }

  const result = actionResult(
    results,
    settings.failOn,
    settings.eventName === "issue_comment"
      ? "Comment handled: slash commands are answered in the conversation."
      : "The event touched no plan: nothing to check.",
  );
  const outputs: Record<string, string> = { ...result.outputs };
  let sarifProblem: string | null = null;
  if (sarifFile !== null && commit === null) {
    io.stdout(`parallel-plans: no SARIF: the ${settings.eventName} event names no commit\n`);
  } else if (sarifFile !== null && commit !== null) {
    sarifProblem = await writeSarif(sarifFile, commit, {
      octokit: await octokit(),
      known: await deps.configs.get(commit.repo.id),
      identity,
      analyze: deps.analyze,
    });
    if (sarifProblem === null) outputs["sarif-file"] = sarifFile;
  }
  if (settings.summaryPath !== null) await appendFile(settings.summaryPath, `${result.summary}\n`);
  if (settings.outputPath !== null) await appendFile(settings.outputPath, formatOutputs(outputs));
  io.stdout(
    `parallel-plans: ${result.outputs.conclusion}: ${result.outputs.errors} errors, ${result.outputs.warnings} warnings\n`,
  );
  // Whatever fail-on says: the workflow asked for a file, and the upload step must not run without it.
  if (sarifProblem !== null)
    failures.push(`${settings.sarifFile} was not written: ${sarifProblem}`);
  if (failures.length > 0) return fail(io, failures.join("; "));
  return result.fails ? EXIT_FAILED : EXIT_OK;
}

/**
 * Write the SARIF of every plan of the commit; returns why it was not written (null: written).
 * An empty file would tell code scanning every alert is fixed: no analysis, no file.
 */
async function writeSarif(
  file: string,
  commit: EventCommit,
  using: Parameters<typeof analyseWholeCommit>[2] & { octokit: ProbotOctokit },
): Promise<string | null> {
  let whole: WholeCommit;
  try {
    whole = await analyseWholeCommit(using.octokit, commit, using);
  } catch (error) {
    return `reading every plan of ${commit.repo.owner}/${commit.repo.name}@${commit.sha} failed: ${describeFailure(error)}`;
  }
  if (whole.kind === "unanalysed") return whole.reason;
  const sarif = renderSarif(whole.report, {
    toolVersion: TOOL_VERSION,
    informationUri: TOOL_HOMEPAGE,
    rulesUri: TOOL_RULES_URI,
  });
  await writeFile(file, `${JSON.stringify(sarif, null, 2)}\n`);
  return null;
}

async function readEvent(eventPath: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(eventPath, "utf8");
  } catch (error) {
    throw new Error(`cannot read the event file ${eventPath}: ${describeFailure(error)}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`the event file ${eventPath} is not JSON`);
  }
}

/** One `::error::` line (an annotation on the workflow run) and a failing exit code. */
function fail(io: ActionIo, message: string): number {
  io.stdout(`::error title=parallel-plans::${escapeCommand(message)}\n`);
  return EXIT_FAILED;
}

/** Workflow-command data escaping (`%`, CR, LF), as @actions/core does. */
function escapeCommand(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
