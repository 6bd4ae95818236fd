/**
 * Writes the `parallel-plans` check run, each artifact once: a finished run in one request
 * (conclusion, output, first 50 annotations, buttons); a run in progress only for long work.
 * GitHub takes 50 annotations per request, so a run with more is created (or updated) in
 * progress with the first batch, given the middle batches, and completed with the last: it never
 * shows a conclusion while annotations are still missing. Thin: every payload comes from
 * `check-run.ts`; the clock is injected for tests.
 */
import type { ProbotOctokit } from "probot";
import type { RepoRef } from "../pipeline/commit-reader.js";
import {
  CHECK_NAME,
  type CheckAction,
  type CheckOutput,
  type CompletedCheck,
} from "./check-run.js";

/** A check ready to write, with the buttons it offers (at most 3). */
export type FinishedCheck = CompletedCheck & { actions?: readonly CheckAction[] };

export class CheckRunWriter {
  constructor(
    private readonly octokit: ProbotOctokit,
    private readonly repo: RepoRef,
    private readonly now: () => Date,
    /** Stored as `external_id`: a redelivered re-run finds the run its first delivery made. */
    private readonly deliveryId: string,
  ) {}

  /** A new run on `sha`, in progress, for work that takes long; returns its id. */
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

  /**
   * A new run on `sha` with its result: one request unless it has over 50 annotations. With
   * more, the run exists (in progress) before the other batches go out: `created` learns its id
   * first, so a failed batch is reported on this run, not on a second one.
   */
  async create(
    sha: string,
    check: FinishedCheck,
    created: (id: number) => void = () => {},
  ): Promise<number> {
    const last = Math.max(0, check.annotations.length - 1);
    const { data } = await this.octokit.rest.checks.create({
      ...this.params(),
      name: CHECK_NAME,
      head_sha: sha,
      external_id: this.deliveryId,
      started_at: this.now().toISOString(),
      ...(last === 0 ? this.completion(check) : { status: "in_progress" as const }),
      output: withAnnotations(check, 0),
    });
    created(data.id);
    if (last > 0) await this.appendAndComplete(data.id, check, 1);
    return data.id;
  }

  /** Finish an existing run with the result: one request unless it has over 50 annotations. */
  async finish(id: number, check: FinishedCheck): Promise<void> {
    if (check.annotations.length <= 1) {
      await this.octokit.rest.checks.update({
        ...this.params(),
        check_run_id: id,
        external_id: this.deliveryId,
        ...this.completion(check),
        output: withAnnotations(check, 0),
      });
      return;
    }
    await this.appendAndComplete(id, check, 0);
  }

  /**
   * Set the buttons of a completed run, leaving its result as it is. The output is the run's own
   * title and summary, the summary's marker recording the buttons (GitHub takes no summary
   * without its title), so a redelivery finds them offered.
   */
  async offer(id: number, actions: readonly CheckAction[], output: CheckOutput): Promise<void> {
    await this.octokit.rest.checks.update({
      ...this.params(),
      check_run_id: id,
      actions: [...actions],
      output,
    });
  }

  /**
   * Answer on a completed run (a refused click): its output with `text` set, leaving its result
   * and buttons as they are.
   */
  async answer(id: number, output: CheckOutput & { text: string }): Promise<void> {
    await this.octokit.rest.checks.update({
      ...this.params(),
      check_run_id: id,
      output,
    });
  }

  /** Batches `from`… as updates; the last one completes the run. */
  private async appendAndComplete(id: number, check: FinishedCheck, from: number): Promise<void> {
    const last = check.annotations.length - 1;
    for (let batch = from; batch <= last; batch++) {
      await this.octokit.rest.checks.update({
        ...this.params(),
        check_run_id: id,
        ...(batch === last ? { external_id: this.deliveryId, ...this.completion(check) } : {}),
        output: withAnnotations(check, batch),
      });
    }
  }

  private completion(check: FinishedCheck) {
    return {
      status: "completed" as const,
      conclusion: check.conclusion,
      completed_at: this.now().toISOString(),
      ...(check.actions && check.actions.length > 0 ? { actions: [...check.actions] } : {}),
    };
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
