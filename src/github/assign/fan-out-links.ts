/**
 * The links and labels of a fan-out: the level's labels when the repository lacks them, the
 * achievement issues as sub-issues of the tracking issue (within GitHub's 100 per parent), and
 * "blocked by" links mirroring the plan's dependencies. Each reads only what the listing's
 * summaries say may be missing.
 */
import type { ProbotOctokit } from "probot";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import { markerKey } from "../../core/assignment/issue-marker.js";
import type { LabelSpec } from "../../core/assignment/issue-labels.js";
import { MAX_SUB_ISSUES, type LevelIssues } from "../../core/assignment/level-issues.js";
import type { FanOutRequest, FanOutResult } from "./fan-out.js";
import type { RepoRef } from "./own-issues.js";

/**
 * Create the labels the repository lacks; returns their names. `known` is the repository's
 * label names when the event's read brought them all; null lists them.
 */
export async function ensureLabels(
  octokit: ProbotOctokit,
  where: RepoRef,
  wanted: readonly LabelSpec[],
  known: readonly string[] | null = null,
): Promise<string[]> {
  const present =
    known ??
    (
      (await octokit.paginate("GET /repos/{owner}/{repo}/labels", {
        ...where,
        per_page: 100,
      })) as { name: string }[]
    ).map((l) => l.name);
  const names = new Set(present.map((name) => name.toLowerCase()));
  const created: string[] = [];
  for (const label of wanted) {
    if (names.has(label.name.toLowerCase())) continue;
    try {
      await octokit.request("POST /repos/{owner}/{repo}/labels", { ...where, ...label });
      created.push(label.name);
    } catch (error) {
      // Someone made it since the listing: fine.
      if ((error as { status?: unknown }).status !== 422) throw error;
    }
  }
  return created;
}

/** Make the level's achievement issues sub-issues of `tracking`, up to GitHub's cap. */
export async function linkSubIssues(
  request: FanOutRequest,
  tracking: ExistingIssue,
  wanted: LevelIssues,
  own: ReadonlyMap<string, ExistingIssue>,
  made: ReadonlyMap<string, { id: number }>,
  result: FanOutResult,
): Promise<void> {
  let held = tracking.subIssueTotal;
  const skipped: string[] = [];
  for (const issue of wanted.achievements) {
    const existing = own.get(markerKey(issue.marker));
    const id = made.get(issue.id)?.id ?? existing?.id;
    if (id === undefined || (existing && existing.parentUrl !== null)) continue;
    if (held >= MAX_SUB_ISSUES) {
      skipped.push(issue.id);
      continue;
    }
    await request.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
      owner: request.repo.owner,
      repo: request.repo.repo,
      issue_number: tracking.number,
      sub_issue_id: id,
    });
    held++;
    result.subIssuesLinked++;
  }
  if (skipped.length > 0) {
    result.notes.push(
      `GitHub holds at most ${MAX_SUB_ISSUES} sub-issues per issue: ${skipped.length} achievement issues (${skipped.slice(0, 5).join(", ")}${skipped.length > 5 ? ", …" : ""}) are not sub-issues of #${tracking.number}; the level:${wanted.level} label finds them.`,
    );
  }
}

/** Mark each achievement issue "blocked by" its dependencies' issues. */
export async function linkBlockedBy(
  request: FanOutRequest,
  wanted: LevelIssues,
  own: ReadonlyMap<string, ExistingIssue>,
  made: ReadonlyMap<string, { id: number; number: number }>,
  ids: ReadonlyMap<string, number>,
  result: FanOutResult,
): Promise<void> {
  const where = { owner: request.repo.owner, repo: request.repo.repo };
  for (const issue of wanted.achievements) {
    const blockers = issue.dependencies.flatMap((dep) => ids.get(dep) ?? []);
    if (blockers.length === 0) continue;
    const existing = own.get(markerKey(issue.marker));
    const number = made.get(issue.id)?.number ?? existing?.number;
    if (number === undefined) continue;
    let have = new Set<number>();
    if (existing) {
      // The listing's summary says whether anything can be missing; read the links only then.
      if (existing.blockedByTotal >= blockers.length) continue;
      const { data } = await request.octokit.request(
        "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
        { ...where, issue_number: number, per_page: 100 },
      );
      have = new Set((data as { id: number }[]).map((i) => i.id));
    }
    for (const blocker of blockers) {
      if (have.has(blocker)) continue;
      await request.octokit.request(
        "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
        { ...where, issue_number: number, issue_id: blocker },
      );
      result.blockedByLinked++;
    }
  }
}
