/**
 * Writes the `parallel-plans` check run: create it in progress, complete it, append annotation
 * batches. Thin: every payload comes from `check-run.ts`; the clock is injected for tests.
 */
import type { ProbotOctokit } from "probot";
import { CHECK_NAME, type CheckOutput, type CompletedCheck } from "./check-run.js";
import type { RepoRef } from "./commit-reader.js";

export class CheckRunWriter {
  constructor(
    private readonly octokit: ProbotOctokit,
    private readonly repo: RepoRef,
    private readonly now: () => Date,
    /** Stored as `external_id`: a redelivered re-run finds the run its first delivery made. */
    private readonly deliveryId: string,
  ) {}

  /** A new run on `sha`, in progress; returns its id. */
  async start(sha: string, output: CheckOutput): Promise<number> {
    const { data } = await this.octokit.rest.checks.create({
      ...this.params(),
      name: CHECK_NAME,
      head_sha: sha,
      status: "in_progress",
      started_at: this.now().toISOString(),
      external_id: this.deliveryId,
      output,
    });
    return data.id;
  }

  /** A new run on `sha`, already completed (when the app failed before it could start one). */
  async createCompleted(sha: string, check: CompletedCheck): Promise<number> {
    const { data } = await this.octokit.rest.checks.create({
      ...this.params(),
      name: CHECK_NAME,
      head_sha: sha,
      external_id: this.deliveryId,
      conclusion: check.conclusion,
      completed_at: this.now().toISOString(),
      output: withAnnotations(check, 0),
    });
    await this.appendAnnotations(data.id, check);
    return data.id;
  }

  /**
   * Completes the run with its conclusion, output and first 50 annotations, then appends the
   * other batches. Completing first means a failed append never leaves the run in progress.
   */
  async complete(id: number, check: CompletedCheck): Promise<void> {
    await this.octokit.rest.checks.update({
      ...this.params(),
      check_run_id: id,
      external_id: this.deliveryId,
      conclusion: check.conclusion,
      completed_at: this.now().toISOString(),
      output: withAnnotations(check, 0),
    });
    await this.appendAnnotations(id, check);
  }

  private async appendAnnotations(id: number, check: CompletedCheck): Promise<void> {
    // Each update appends its annotations; title and summary are required with an output.
    for (let batch = 1; batch < check.annotations.length; batch++) {
      await this.octokit.rest.checks.update({
        ...this.params(),
        check_run_id: id,
        output: withAnnotations(check, batch),
      });
    }
  }

  private params(): { owner: string; repo: string } {
    return { owner: this.repo.owner, repo: this.repo.name };
  }
}

/** The output with the `batch`-th group of annotations, or none when there is no such group. */
function withAnnotations(check: CompletedCheck, batch: number) {
  const annotations = check.annotations[batch];
  return annotations && annotations.length > 0 ? { ...check.output, annotations } : check.output;
}
