/**
 * The app's writes on a comment thread: the 👀 reaction that acknowledges a comment, and the
 * replies. Each command gets its own new comment(s); nothing old is ever edited, so repeating a
 * command gives a fresh answer. GitHub answers 200 instead of 201 when the app's reaction already
 * exists: the comment was handled before (a redelivery), and is not answered twice.
 */
import type { ProbotOctokit } from "probot";
import { layoutReply, type ReplyContent } from "../../commands/reply-layout.js";
import type { RepoRef } from "../commit-reader.js";

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

  /** Post the reply to one command (several comments when it is too long for one). */
  async reply(line: string, command: string, content: ReplyContent): Promise<number> {
    const bodies = layoutReply(line, content, { command, comment: this.commentId });
    for (const body of bodies) {
      await this.octokit.rest.issues.createComment({
        owner: this.repo.owner,
        repo: this.repo.name,
        issue_number: this.issueNumber,
        body,
      });
    }
    return bodies.length;
  }
}
