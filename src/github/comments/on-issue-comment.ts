/**
 * `issue_comment.created`: answer the `/parallel` commands of a comment on an issue or a pull
 * request. Guards first (bots, comments without commands), then 👀, then the per-user limit, then
 * one reply per command. A redelivery (👀 already there) spends no quota and posts only the
 * replies missing from the thread. Edits and deletions are not subscribed to: only a new comment
 * acts.
 */
import type { Context } from "probot";
import {
  renderFailure,
  renderRateLimited,
  renderTooManyCommands,
} from "../../commands/notice-replies.js";
import { findCommandLines } from "../../commands/parse-comment.js";
import { parseCommand, type ParsedCommand } from "../../commands/parse-command.js";
import type { ReplyContent } from "../../commands/reply-layout.js";
import type { AppDeps } from "../deps.js";
import { describeFailure } from "../pipeline/failure.js";
import { issuesKey } from "../pipeline/lock-keys.js";
import { answerCommand, isPromptKind, planRead } from "./answer-command.js";
import { CommentReader } from "./comment-reader.js";
import type { Admission } from "./rate-limiter.js";
import { ReplyWriter } from "./reply-writer.js";

/** Commands answered per comment; the rest are named in the last reply. */
export const MAX_COMMANDS_PER_COMMENT = 5;

function commandName(parsed: ParsedCommand): string {
  return parsed.kind === "unknown" ? "help" : parsed.spec.name;
}

/** Answer the commands of a new issue or pull request comment (none: no request at all). */
export async function onIssueComment(
  context: Context<"issue_comment.created">,
  deps: AppDeps,
): Promise<void> {
  const { comment, issue, repository, sender } = context.payload;
  const log = context.log;
  // Bots never command the app (its own replies quote commands).
  if (comment.user?.type === "Bot" || sender.type === "Bot") return;
  const lines = findCommandLines(comment.body ?? "");
  if (lines.length === 0) return;
  const login = comment.user?.login ?? sender.login;
  const parsed = lines.slice(0, MAX_COMMANDS_PER_COMMENT).map(parseCommand);
  const repo = { owner: repository.owner.login, name: repository.name };
  const replies = new ReplyWriter(context.octokit, repo, issue.number, comment.id);

  let admission: Admission;
  // Per command: the reply parts already posted (none on a first delivery), null when complete.
  let skips: (ReadonlySet<number> | null)[];
  if (await replies.acknowledge()) {
    admission = await deps.commandLimits.take(repository.id, login, parsed.length);
    if (admission.allowed === 0 && !admission.notify) {
      log.info({ comment: comment.id, login }, "commands dropped by the rate limit");
      return;
    }
    skips = parsed.map(() => new Set<number>());
  } else {
    // A redelivery: the first delivery took the quota; answer what it did not get to.
    const ledger = await replies.posted(comment.created_at);
    skips = parsed.map((p) => ledger.next(commandName(p)));
    if (skips.every((skip) => skip === null)) {
      log.info({ comment: comment.id }, "comment already answered; not answered again");
      return;
    }
    admission = { allowed: parsed.length, notify: false, retryAt: new Date(0) };
    log.info({ comment: comment.id }, "redelivered comment: posting the missing replies");
  }
  const answered = parsed.slice(0, admission.allowed);
  const prompts = answered.filter(
    (p, i) => skips[i] !== null && p.kind === "command" && isPromptKind(p.spec.name),
  );
  const inPull = issue.pull_request !== undefined && issue.pull_request !== null;
  const pending = answered.filter((_, i) => skips[i] !== null);
  const reads = pending.flatMap((p) => planRead(p, inPull) ?? []);
  // A level fan-out trusts the issues of the comment's read: that read and the fan-out both run
  // under the repository's issues lock (as a push's and a button's do).
  const fanOuts = pending.some(
    (p) => p.kind === "command" && p.spec.name === "assign" && planRead(p, inPull) !== null,
  );
  const reader = new CommentReader(
    context.octokit,
    {
      ...repo,
      id: repository.id,
      defaultBranch: repository.default_branch,
      pull: inPull ? issue.number : null,
    },
    {
      templates: prompts.some((p) => p.kind === "command" && !p.args.dryRun),
      subplans: prompts.some(
        (p) => p.kind === "command" && p.spec.name === "batch-executions" && !p.args.dryRun,
      ),
      named: reads.flatMap((r) => (r.plan === null ? [] : [r.plan])),
      unnamed: reads.some((r) => r.plan === null),
      assign: fanOuts,
    },
    deps.configs,
    deps.analyze,
  );
  const session = {
    octokit: context.octokit,
    log,
    reader,
    deps,
    syncContext: context,
    login,
    issueNumber: issue.number,
  };

  const answerAll = async () => {
    for (const [index, command] of answered.entries()) {
      const skip = skips[index];
      if (skip === null || skip === undefined) continue;
      const name = commandName(command);
      let content: ReplyContent;
      try {
        content = await answerCommand(command, session);
      } catch (error) {
        log.warn(
          { err: error, comment: comment.id, command: name },
          "command failed; replying with the reason",
        );
        content = { body: renderFailure(describeFailure(error)) };
      }
      if (index === answered.length - 1 && lines.length > parsed.length) {
        content = {
          ...content,
          body: `${content.body}\n\n${renderTooManyCommands(parsed.length, lines.length)}`,
        };
      }
      const parts = await replies.reply(command.line, name, content, skip);
      log.info({ comment: comment.id, command: name, parts }, "command answered");
    }
  };
  if (fanOuts) await deps.locks.run(issuesKey(repository.id), answerAll);
  else await answerAll();
  const refused = parsed[admission.allowed];
  const refusedSkip = skips[admission.allowed];
  if (admission.notify && refused && refusedSkip) {
    const minutes = Math.round(deps.commandLimits.windowMs / 60_000);
    await replies.reply(
      refused.line,
      commandName(refused),
      { body: renderRateLimited(deps.commandLimits.limit, minutes, admission.retryAt) },
      refusedSkip,
    );
    log.info({ comment: comment.id, login }, "commands refused by the rate limit");
  }
}
