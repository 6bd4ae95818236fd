/**
 * The GitHub Action: the app's own handlers (`createApp`) run once on the workflow's event, with
 * the workflow's token instead of an App's credentials — no App id, no webhook server. The
 * `parallel-plans` check run, its annotations and slash-command replies are written exactly as
 * the App writes them; the job summary, outputs, optional SARIF file and exit code come from the
 * same checks.
 */
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Probot, type ProbotOctokit } from "probot";
import { createApp } from "../app.js";
import { TOOL_HOMEPAGE, TOOL_RULES_URI, TOOL_VERSION } from "../cli/version.js";
import { createDeps, type CheckResult } from "../github/deps.js";
import { AppOctokit } from "../github/pipeline/app-octokit.js";
import { describeFailure } from "../github/pipeline/failure.js";
import { renderSarif } from "../render/sarif.js";
import { actionResult } from "./action-result.js";
import { readSettings, type ActionSettings } from "./action-settings.js";
import { actionsIdentity } from "./actions-identity.js";
import { formatOutputs } from "./github-output.js";

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
  const results: CheckResult[] = [];
  const probot = new Probot({
    githubToken: settings.token,
    baseUrl: settings.apiUrl,
    Octokit: io.Octokit ?? AppOctokit,
    logLevel: settings.logLevel,
  });
  const deps = createDeps({
    syncOnPush: settings.sync,
    assignOnPush: settings.assign,
    identity: actionsIdentity(settings.apiUrl, () => probot.auth()),
    checkResults: { checked: (result) => void results.push(result) },
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

  const result = actionResult(
    results,
    settings.failOn,
    settings.eventName === "issue_comment"
      ? "Comment handled: slash commands are answered in the conversation."
      : "The event touched no plan: nothing to check.",
  );
  const outputs: Record<string, string> = { ...result.outputs };
  if (settings.sarifFile !== null) {
    const file = path.resolve(settings.workspace, settings.sarifFile);
    const sarif = renderSarif(result.report, {
      toolVersion: TOOL_VERSION,
      informationUri: TOOL_HOMEPAGE,
      rulesUri: TOOL_RULES_URI,
    });
    await writeFile(file, `${JSON.stringify(sarif, null, 2)}\n`);
    outputs["sarif-file"] = file;
  }
  if (settings.summaryPath !== null) await appendFile(settings.summaryPath, `${result.summary}\n`);
  if (settings.outputPath !== null) await appendFile(settings.outputPath, formatOutputs(outputs));
  io.stdout(
    `parallel-plans: ${result.outputs.conclusion}: ${result.outputs.errors} errors, ${result.outputs.warnings} warnings\n`,
  );
  return result.fails ? EXIT_FAILED : EXIT_OK;
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
