/**
 * The runner's side of an Action test: the event file, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT
 * written in a temporary folder (the workspace), `runAction` run with the real app handlers, and
 * what the step left behind read back.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "@jest/globals";
import { parseOutputs } from "../../src/action/github-output.js";
import { runAction } from "../../src/action/run-action.js";
import { TestOctokit } from "../github/harness.js";
import type { WebhookPayload } from "../support/webhook-fixtures.js";

/** A fresh workspace per test of the file that calls this (at its top: it adds hooks). */
export function useWorkspace(): () => string {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "pp-action-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** A workflow's environment, its event file holding the webhook payload without `installation`. */
export async function runnerEnv(
  dir: string,
  event: string,
  payload: WebhookPayload,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const runnerPayload = { ...(payload as Record<string, unknown>) };
  delete runnerPayload.installation;
  const eventPath = path.join(dir, "event.json");
  await writeFile(eventPath, JSON.stringify(runnerPayload));
  const summary = path.join(dir, "summary.md");
  const output = path.join(dir, "output.txt");
  await writeFile(summary, "");
  await writeFile(output, "");
  return {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    GITHUB_WORKSPACE: dir,
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_API_URL: "https://api.github.com",
    GITHUB_GRAPHQL_URL: "https://api.github.com/graphql",
    PARALLEL_PLANS_TOKEN: "ghs_workflow_token",
    ...extra,
  };
}

/** Run the step: its exit code, log, job summary and outputs. */
export async function runStep(env: Record<string, string>) {
  const lines: string[] = [];
  const code = await runAction({ env, stdout: (t) => void lines.push(t), Octokit: TestOctokit });
  return {
    code,
    log: lines.join(""),
    summary: await readFile(env.GITHUB_STEP_SUMMARY!, "utf8"),
    outputs: parseOutputs(await readFile(env.GITHUB_OUTPUT!, "utf8")),
  };
}
