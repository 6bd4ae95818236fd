/**
 * The app's writes on a comment thread: the 👀 reaction that acknowledges a comment, and the
 * replies. Each command gets its own new comment(s); nothing old is ever edited, so repeating a
 * command gives a fresh answer. GitHub answers 200 instead of 201 when the app's reaction already
 * exists: the comment was seen before (a redelivery), and the thread is read back to post only
 * the replies the earlier delivery did not get to (it may have failed half-way).
 */
import type { ProbotOctokit } from "probot";
import { layoutReply, type ReplyContent } from "../../commands/reply-layout.js";
import type { RepoRef } from "../pipeline/commit-reader.js";
import { ReplyLedger, type ThreadComment } from "./reply-ledger.js";

/** Writes on one comment's thread: its 👀 and the replies to its commands. */
export class ReplyWriter {
  constructor(
    private readonly octokit: ProbotOctokit,
    private readonly repo: RepoRef,
    private readonly issueNumber: number,
    private readonly commentId: number,
  ) {}

  /** React 👀 to the comment; false when the reaction was already there (handled before). */
  async acknowledge(): Promise<boolean> {
    const { status } = await this.octokit.rest.reactions.createForIssueComment({
      owner: this.repo.owner,
      repo: this.repo.name,
      comment_id: this.commentId,
      content: "eyes",
    });
    return status === 201;
  }

  /**
   * The replies already posted to the comment: one listing of the thread since the comment was
   * written (replies come after it, so `since` keeps this to the newest page).
   */
  async posted(since: string): Promise<ReplyLedger> {
    const { data } = await this.octokit.rest.issues.listComments({
      owner: this.repo.owner,
      repo: this.repo.name,
      issue_number: this.issueNumber,
      since,
      per_page: 100,
    });
    return new ReplyLedger(data as ThreadComment[], this.commentId);
  }

  /**
   * Post the reply to one command (several comments when it is too long for one), skipping the
   * parts in `skip` (posted by an earlier delivery). Returns how many comments were written.
   */
  async reply(
    line: string,
    command: string,
    content: ReplyContent,
    skip: ReadonlySet<number> = new Set(),
  ): Promise<number> {
    const bodies = layoutReply(line, content, { command, comment: this.commentId });
    let written = 0;
    for (const [index, body] of bodies.entries()) {
      if (skip.has(index + 1)) continue;
      await this.octokit.rest.issues.createComment({
        owner: this.repo.owner,
        repo: this.repo.name,
        issue_number: this.issueNumber,
        body,
      });
      written++;
    }
    return written;
  }
}
