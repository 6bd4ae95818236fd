/**
 * The app's own issues in a repository: one paginated listing of the issues carrying the
 * `parallel-plans` label (open and closed), kept when their body holds a marker and a bot wrote
 * them. Never the Search API (its index lags and it has its own, lower rate limit).
 */
import type { ProbotOctokit } from "probot";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import { APP_LABEL } from "../../core/assignment/issue-labels.js";
import { readMarker } from "../../core/assignment/issue-marker.js";

/** A repository as the assignment adapters address it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

interface ListedIssue {
  number: number;
  id: number;
  url: string;
  state: string;
  state_reason?: string | null;
  title: string;
  body?: string | null;
  labels: (string | { name?: string })[];
  assignees?: { login: string }[] | null;
  user: { type?: string } | null;
  pull_request?: unknown;
  parent_issue_url?: string | null;
  issue_dependencies_summary?: { total_blocked_by?: number };
  sub_issues_summary?: { total?: number };
}

/** The issue as the diff sees it, or null when it is not one of the app's. */
export function toExisting(issue: ListedIssue): ExistingIssue | null {
  if (issue.pull_request !== undefined || issue.user?.type !== "Bot") return null;
  const marker = readMarker(issue.body);
  if (!marker) return null;
  return {
    number: issue.number,
    id: issue.id,
    url: issue.url,
    state: issue.state === "closed" ? "closed" : "open",
    stateReason: issue.state_reason ?? null,
    title: issue.title,
    body: issue.body ?? "",
    labels: issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
    assignees: (issue.assignees ?? []).map((a) => a.login),
    marker,
    parentUrl: issue.parent_issue_url ?? null,
    blockedByTotal: issue.issue_dependencies_summary?.total_blocked_by ?? 0,
    subIssueTotal: issue.sub_issues_summary?.total ?? 0,
  };
}

/** Every issue of the app in the repository (one request per 100 labelled issues). */
export async function listOwnIssues(
  octokit: ProbotOctokit,
  repo: RepoRef,
): Promise<ExistingIssue[]> {
  const listed = (await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
    owner: repo.owner,
    repo: repo.repo,
    labels: APP_LABEL,
    state: "all",
    per_page: 100,
  })) as unknown as ListedIssue[];
  return listed.flatMap((issue) => toExisting(issue) ?? []);
}
