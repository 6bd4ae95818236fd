/**
 * The answer to one parsed command, as reply content: the help, a usage message, a refusal, or
 * the command's result for the plan it is about. Reads only what the command needs, through the
 * comment's shared reader; every text comes from the pure builders in `commands/` and `prompts/`.
 */
import type { Logger, ProbotOctokit } from "probot";
import { renderHelp, renderUsage } from "../../commands/help-reply.js";
import {
  renderInvalidConfig,
  renderPermissionRefused,
  renderUnavailable,
} from "../../commands/notice-replies.js";
import type { ParsedCommand } from "../../commands/parse-command.js";
import { allows } from "../../commands/permission.js";
import { renderStatus, renderValidation, type ReadAt } from "../../commands/plan-replies.js";
import { renderNextReply } from "../../commands/next-reply.js";
import { renderPromptReply } from "../../commands/prompt-reply.js";
import type { ReplyContent } from "../../commands/reply-layout.js";
import { renderSyncReply } from "../../commands/sync-reply.js";
import { buildPrompt } from "../../prompts/build-prompt.js";
import { PROMPT_KINDS, type PromptKind } from "../../prompts/prompt-types.js";
import { answerAssign } from "../assign/answer-assign.js";
import { answerAssignNamed, answerClaim, answerUnclaim } from "../assign/answer-claim.js";
import type { AppDeps } from "../deps.js";
import { runSyncOnDemand, type SyncContext } from "../sync/on-demand.js";
import type { CommentReader } from "./comment-reader.js";
import { resolvePlan } from "./resolve-plan.js";
import { commenterAccess } from "./permission-cache.js";

/** What answering the commands of one comment shares. */
export interface AnswerSession {
  octokit: ProbotOctokit;
  log: Logger;
  reader: CommentReader;
  deps: AppDeps;
  /** What the status sync needs of the event (the `issue_comment` context). */
  syncContext: SyncContext;
  /** The commenter. */
  login: string;
  /** The issue or pull request commented on. */
  issueNumber: number;
}

/** Whether a command renders a prompt (and so needs the templates, and maybe SUBPLAN texts). */
export function isPromptKind(name: string): name is PromptKind {
  return (PROMPT_KINDS as readonly string[]).includes(name);
}

/**
 * Whether answering the command reads a plan (so the first query may bring its folder): every
 * command but help, sync, claims, named assignment and refusals; `/parallel assign` only in an
 * issue. The `--plan` value, or null for the touched or the only plan.
 */
export function planRead(parsed: ParsedCommand, inPull: boolean): { plan: string | null } | null {
  if (parsed.kind !== "command" || parsed.spec.unavailable !== null) return null;
  const { spec, args } = parsed;
  if (["help", "sync", "claim", "unclaim"].includes(spec.name)) return null;
  if (spec.name === "assign" && (inPull || args.ids.length + args.users.length > 0)) return null;
  return { plan: args.plan };
}

/**
 * The reply content for one command: refusals and help need at most the first query; the
 * others resolve their plan and render its status, check or prompt.
 */
export async function answerCommand(
  parsed: ParsedCommand,
  session: AnswerSession,
): Promise<ReplyContent> {
  const { reader } = session;
  if (parsed.kind === "usage") return { body: renderUsage(parsed.spec, parsed.problem) };
  if (parsed.kind === "command" && parsed.spec.unavailable !== null) {
    return { body: renderUnavailable(parsed.spec) };
  }
  const context = await reader.context();
  const permissions = context.config.config.commands.min_permission;
  if (parsed.kind === "unknown") return { body: renderHelp(permissions, { unknown: parsed.name }) };
  const { spec, args } = parsed;
  if (spec.name === "help") return { body: renderHelp(permissions, { topic: args.topic }) };
  if (context.config.findings.length > 0)
    return { body: renderInvalidConfig(context.config.findings) };

  const required = permissions[spec.name];
  // Anyone who can comment can read: only a higher requirement costs a request.
  if (required !== "read") {
    const access = await commenterAccess(
      session.deps.permissions,
      session.octokit,
      reader.target,
      session.login,
    );
    if (!allows(access, required)) {
      session.log.info({ command: spec.name, required, access }, "command refused for permission");
      return { body: renderPermissionRefused(spec, required, access) };
    }
  }

  // The status sync reads and writes the default branch itself (and honours `sync: off`).
  if (spec.name === "sync") {
    const report = await runSyncOnDemand(session.syncContext, session.deps, args.plan ?? undefined);
    return { body: renderSyncReply(report) };
  }

  // Claims act on the achievement's issue, found by its marker: no plan to read.
  if (spec.name === "claim" || spec.name === "unclaim") {
    const claim = {
      octokit: session.octokit,
      log: session.log,
      repo: { owner: reader.target.owner, repo: reader.target.name },
      login: session.login,
    };
    const answer = spec.name === "claim" ? answerClaim : answerUnclaim;
    const which = args.ids[0] ?? { issue: session.issueNumber };
    return { body: await answer(claim, which, args.plan) };
  }
  if (spec.name === "assign" && args.ids.length + args.users.length > 0) {
    const repo = { owner: reader.target.owner, repo: reader.target.name };
    const named = { octokit: session.octokit, log: session.log, repo };
    return { body: await answerAssignNamed(named, args.ids, args.users, args.plan) };
  }
  // Issues are opened for the plan as merged: the default branch, so not from a pull request.
  if (spec.name === "assign" && reader.target.pull !== null) {
    return {
      body: "`/parallel assign` opens issues for the plan on the default branch: post it in an issue, not a pull request.",
    };
  }
  const sha = context.data.sha;
  if (sha === null) {
    return {
      body:
        reader.target.pull === null
          ? "The default branch has no commit to read plans from."
          : "GitHub gave no head commit for this pull request.",
    };
  }
  const resolution = await resolvePlan(reader, sha, args.plan, spec.name);
  if (resolution.kind === "reply") return { body: resolution.body };
  const { report, subplans } = resolution.plan;
  const at: ReadAt = {
    sha,
    what:
      reader.target.pull === null
        ? `default branch ${reader.target.defaultBranch}`
        : "head of this pull request",
  };
  if (spec.name === "assign") {
    const repo = { owner: reader.target.owner, repo: reader.target.name, id: reader.target.id };
    const assign = {
      ...session,
      repo,
      config: context.config.config,
      patterns: context.options.patterns,
      read: context.own === null ? undefined : { own: context.own, labels: context.labels },
    };
    return { body: await answerAssign(report, args, assign) };
  }
  if (spec.name === "status") return { body: renderStatus(report, at) };
  if (spec.name === "next") return { body: renderNextReply(report, at, args.plan !== null) };
  if (spec.name === "validate")
    return { body: renderValidation(report, at, context.options.failOn === "warning") };
  if (!isPromptKind(spec.name)) throw new Error(`/parallel ${spec.name} has no answer wired`);
  const outcome = buildPrompt({
    plan: report,
    subplans,
    templates: context.templates,
    patterns: context.options.patterns,
    request: { kind: spec.name, level: args.level, dryRun: args.dryRun, force: args.force },
  });
  return renderPromptReply(outcome, at, args.plan !== null);
}
