/**
 * Level fan-out, applied: list the app's issues (or take them from the event's read), compare with what the level wants, and write
 * only the difference — labels, the tracking issue, the achievement issues, edits, sub-issue and
 * "blocked by" links. Runs under a lock per repository, plan and level, so a double click or a
 * redelivered webhook in this process waits and then finds everything made. Stops at the first
 * write GitHub refuses and reports what was made and what was not; the next run makes the rest.
 */
import type { Logger, ProbotOctokit } from "probot";
import { achievementIssue } from "../../core/assignment/achievement-issue.js";
import {
  diffLevel,
  indexIssues,
  type ExistingIssue,
  type LevelDiff,
} from "../../core/assignment/diff-level.js";
import { markerKey } from "../../core/assignment/issue-marker.js";
import { levelIssues } from "../../core/assignment/level-issues.js";
import type { PlanReport } from "../../core/model.js";
import type { NamingPatterns } from "../../core/options.js";
import type { KeyedLock } from "../deps.js";
import { ensureLabels, linkBlockedBy, linkSubIssues } from "./fan-out-links.js";
import { listOwnIssues, type RepoRef } from "./own-issues.js";

/** What a fan-out needs besides the plan. */
export interface FanOutRequest {
  octokit: ProbotOctokit;
  log: Logger;
  repo: RepoRef & { id: number };
  plan: PlanReport;
  level: number;
  patterns: NamingPatterns;
  assign: { labels: readonly string[]; sub_issues: boolean; blocked_by: boolean };
  lock: KeyedLock;
  /** Only compute and return the diff. */
  dryRun: boolean;
  /**
   * The app's issues and the repository's labels as the event's one read found them. Only valid
   * when that read was made under `issuesKey` (no other fan-out of the repository ran since);
   * without it, the fan-out lists both once it holds the level's lock.
   */
  read?: EventRead;
}

/** What an event's read under the repository's issues lock already knows. */
export interface EventRead {
  own: readonly ExistingIssue[];
  /** Label names of the repository; null when the read did not bring all of them. */
  labels: readonly string[] | null;
}

/** An issue made (or found) for the level. */
export interface MadeIssue {
  number: number;
  title: string;
}

/** What the fan-out did. */
export interface FanOutResult {
  plan: string;
  level: number;
  diff: LevelDiff;
  tracking: MadeIssue | null;
  created: MadeIssue[];
  edited: number[];
  unchanged: number;
  labelsCreated: string[];
  subIssuesLinked: number;
  blockedByLinked: number;
  /** Things degraded on purpose (the sub-issue cap). */
  notes: string[];
  /** The write GitHub refused for good, and what was therefore not made. */
  failure: { what: string; reason: string; notMade: string[] } | null;
}

/** The lock key of one level of one plan of a repository. */
export function levelKey(repositoryId: number, plan: string, level: number): string {
  return `assign:${repositoryId}:${plan}:${level}`;
}

function reasonOf(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : String(error);
  return typeof status === "number" ? `GitHub answered ${status}: ${message}` : message;
}

/** Fan level `request.level` out (or, with `dryRun`, say what it would write). */
export async function fanOutLevel(request: FanOutRequest): Promise<FanOutResult> {
  const key = levelKey(request.repo.id, request.plan.name, request.level);
  return request.lock.run(key, () => apply(request));
}

async function apply(request: FanOutRequest): Promise<FanOutResult> {
  const { octokit, plan, repo } = request;
  const where = { owner: repo.owner, repo: repo.repo };
  const own = indexIssues(request.read?.own ?? (await listOwnIssues(octokit, where)));
  const numbers = new Map<string, number>();
  const ids = new Map<string, number>();
  for (const issue of own.values()) {
    if (issue.marker.kind === "achievement" && issue.marker.plan === plan.name) {
      numbers.set(issue.marker.id, issue.number);
      ids.set(issue.marker.id, issue.id);
    }
  }
  const options = { patterns: request.patterns, labels: request.assign.labels, numbers };
  const wanted = levelIssues(plan, request.level, options);
  const diff = diffLevel(wanted, own);
  const result: FanOutResult = {
    plan: plan.name,
    level: request.level,
    diff,
    tracking: null,
    created: [],
    edited: [],
    unchanged: diff.unchanged.length,
    labelsCreated: [],
    subIssuesLinked: 0,
    blockedByLinked: 0,
    notes: [],
    failure: null,
  };
  if (request.dryRun) return result;

  let current = "";
  const pending: string[] = [
    ...(diff.createTracking ? [diff.createTracking.title] : []),
    ...diff.create.map((i) => i.title),
  ];
  try {
    if (diff.labels.length > 0) {
      current = "the labels";
      result.labelsCreated = await ensureLabels(
        octokit,
        where,
        diff.labels,
        request.read?.labels ?? null,
      );
    }
    let tracking = own.get(markerKey(wanted.tracking.marker)) ?? null;
    if (diff.createTracking) {
      current = `the tracking issue "${diff.createTracking.title}"`;
      const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
        ...where,
        title: diff.createTracking.title,
        body: diff.createTracking.body,
        labels: diff.createTracking.labels,
      });
      pending.shift();
      tracking = {
        ...trackingView({ ...data, id: Number(data.id) }),
        marker: wanted.tracking.marker,
        labels: diff.createTracking.labels,
      };
    }
    if (tracking) result.tracking = { number: tracking.number, title: tracking.title };
    const made = new Map<string, { id: number; number: number }>();
    for (const issue of diff.create) {
      current = `"${issue.title}"`;
      // Dependencies inside a sequential level may have got their issue a moment ago.
      const achievement = plan.achievements.find((a) => a.id === issue.id)!;
      const body = achievementIssue(plan, achievement, { ...options, labels: issue.labels }).body;
      const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
        ...where,
        title: issue.title,
        body,
        labels: issue.labels,
      });
      pending.shift();
      numbers.set(issue.id, data.number);
      ids.set(issue.id, Number(data.id));
      made.set(issue.id, { id: Number(data.id), number: data.number });
      result.created.push({ number: data.number, title: issue.title });
    }
    for (const change of diff.edits) {
      current = `the edit of #${change.number}`;
      if (change.title !== undefined || change.body !== undefined) {
        await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
          ...where,
          issue_number: change.number,
          ...(change.title === undefined ? {} : { title: change.title }),
          ...(change.body === undefined ? {} : { body: change.body }),
        });
      }
      if (change.labels) {
        await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
          ...where,
          issue_number: change.number,
          labels: change.labels,
        });
      }
      result.edited.push(change.number);
    }
    current = "the links";
    if (request.assign.sub_issues && tracking) {
      await linkSubIssues(request, tracking, wanted, own, made, result);
    }
    if (request.assign.blocked_by) {
      await linkBlockedBy(request, wanted, own, made, ids, result);
    }
  } catch (error) {
    request.log.warn({ err: error, plan: plan.name, level: request.level }, "fan-out stopped");
    result.failure = { what: current, reason: reasonOf(error), notMade: pending };
  }
  return result;
}

function trackingView(data: { number: number; id: number; url: string; title: string }) {
  return {
    number: data.number,
    id: data.id,
    url: data.url,
    state: "open" as const,
    stateReason: null,
    title: data.title,
    body: "",
    assignees: [],
    parentUrl: null,
    blockedByTotal: 0,
    subIssueTotal: 0,
  };
}
