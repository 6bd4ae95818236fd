/**
 * One plan of a sync run: `decideSync` on what the core wants and what exists, then the writer
 * carries out exactly those actions. A refused write is reported for the plan (the run goes on
 * with the others); every decision is logged with a fixed message and its metadata.
 */
import type { Logger } from "probot";
import type { RepoRef } from "../pipeline/commit-reader.js";
import { describeFailure } from "../pipeline/failure.js";
import { decideSync, type SyncDecision, type SyncResult } from "./sync-decision.js";
import type { BranchState } from "./sync-state-query.js";
import type { SyncTarget } from "./sync-targets.js";
import type { PullRef, SyncWriter } from "./sync-writer.js";

/** What happened to one plan. */
export interface PlanSyncReport {
  plan: string;
  result: SyncResult;
  /** One sentence, safe to show (it names files, branches and pull requests). */
  detail: string;
  /** The sync pull request when one is open after the run. */
  pull: PullRef | null;
}

export interface RunContext {
  sha: string;
  history: readonly string[];
  repo: RepoRef & { defaultBranch: string };
  writer: SyncWriter;
  log: Logger;
}

/** Decide about one plan and write what the decision asks for; a failed write is reported. */
export async function carryOut(
  target: SyncTarget,
  branch: BranchState | null,
  ctx: RunContext,
): Promise<PlanSyncReport> {
  if (target.conflict !== null) {
    return {
      plan: target.plan,
      result: "refused",
      detail: `${target.dir}: ${target.conflict}`,
      pull: null,
    };
  }
  const decision: SyncDecision = decideSync({
    plan: target.plan,
    file: target.file,
    outcome: target.outcome,
    base: ctx.sha,
    history: ctx.history,
    branch,
    defaultBranch: ctx.repo.defaultBranch,
  });
  const meta = {
    plan: target.plan,
    branch: decision.branch,
    sha: ctx.sha,
    result: decision.result,
    actions: decision.actions.map((a) => a.kind),
  };
  const kept =
    branch?.pull && decision.result !== "closed"
      ? { number: branch.pull.number, url: branch.pull.url }
      : null;
  try {
    const opened = await ctx.writer.apply(decision.branch, decision.actions);
    ctx.log.info(meta, "sync decided and applied");
    return {
      plan: target.plan,
      result: decision.result,
      detail: decision.detail,
      pull: opened ?? kept,
    };
  } catch (error) {
    ctx.log.error({ ...meta, err: error }, "sync write failed");
    const detail = `${decision.detail}; GitHub refused a write: ${describeFailure(error)}`;
    return { plan: target.plan, result: "failed", detail, pull: kept };
  }
}
