/**
 * Writes the plan dashboards (`dashboard: true`): creates a plan's dashboard issue when it has
 * none, edits it only when its text changed, and leaves it alone otherwise.
 */
import type { ProbotOctokit } from "probot";
import { dashboardIssue } from "../../core/assignment/dashboard.js";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import type { PlanReport } from "../../core/model.js";
import type { RepoRef } from "./own-issues.js";

/** Bring every plan's dashboard in step; returns the issues written. */
export async function writeDashboards(
  octokit: ProbotOctokit,
  where: RepoRef,
  plans: readonly PlanReport[],
  own: readonly ExistingIssue[],
): Promise<number[]> {
  const written: number[] = [];
  for (const plan of plans) {
    const numbers = new Map<string, number>();
    const assignees = new Map<string, string[]>();
    let existing: ExistingIssue | undefined;
    for (const issue of [...own].sort((a, b) => a.number - b.number)) {
      if (issue.marker.plan !== plan.name) continue;
      if (issue.marker.kind === "dashboard") existing ??= issue;
      if (issue.marker.kind !== "achievement" || numbers.has(issue.marker.id)) continue;
      numbers.set(issue.marker.id, issue.number);
      if (issue.assignees.length > 0) assignees.set(issue.marker.id, issue.assignees);
    }
    const desired = dashboardIssue(plan, { numbers, assignees });
    if (!existing) {
      const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
        owner: where.owner,
        repo: where.repo,
        title: desired.title,
        body: desired.body,
        labels: desired.labels,
      });
      written.push(data.number);
    } else if (
      existing.body.replace(/\r\n/g, "\n") !== desired.body ||
      existing.title !== desired.title
    ) {
      await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        owner: where.owner,
        repo: where.repo,
        issue_number: existing.number,
        title: desired.title,
        body: desired.body,
      });
      written.push(existing.number);
    }
  }
  return written;
}
