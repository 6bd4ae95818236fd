/**
 * What level fan-out must write: the desired issues of a level compared with the app's issues
 * that exist (found by marker). Missing issues are created; existing ones are edited only where
 * their title, body or labels differ (labels are only ever added: people may add their own);
 * their state and assignees are left alone (lifecycle and claims own those).
 */
import type { DesiredIssue } from "./achievement-issue.js";
import type { LabelSpec } from "./issue-labels.js";
import { markerKey, type IssueMarker } from "./issue-marker.js";
import type { LevelIssues } from "./level-issues.js";

/** An issue of the app as listed. */
export interface ExistingIssue {
  number: number;
  /** The REST id sub-issues and "blocked by" take. */
  id: number;
  /** API URL (`parent_issue_url` of a sub-issue names it). */
  url: string;
  state: "open" | "closed";
  /** Why it was closed (`completed`, `not_planned`…), null when open. */
  stateReason: string | null;
  /**
   * True when the app's own bot made the issue's last close, false when someone else did;
   * absent when not known (GitHub's REST listing does not say who closed an issue).
   */
  closedByApp?: boolean;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  marker: IssueMarker;
  /** API URL of the parent issue, when it is a sub-issue. */
  parentUrl: string | null;
  /** How many issues block it (GitHub's `issue_dependencies_summary.total_blocked_by`). */
  blockedByTotal: number;
  /** How many sub-issues it holds. */
  subIssueTotal: number;
}

/** The edit of one existing issue: only the fields that differ. */
export interface IssueEdit {
  number: number;
  key: string;
  title?: string;
  body?: string;
  /** Labels to add. */
  labels?: string[];
}

export interface LevelDiff {
  /** Labels of the level that no listed issue carries (they may still exist in the repository). */
  labels: LabelSpec[];
  /** The tracking issue to create (null when it exists). */
  createTracking: DesiredIssue | null;
  /** Achievement issues to create, in the level's order. */
  create: LevelIssues["achievements"];
  edits: IssueEdit[];
  /** Existing issues left as they are. */
  unchanged: number[];
}

/** The app's issues by marker key (the first, lowest-numbered one wins over copies). */
export function indexIssues(issues: readonly ExistingIssue[]): Map<string, ExistingIssue> {
  const byKey = new Map<string, ExistingIssue>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const key = markerKey(issue.marker);
    if (!byKey.has(key)) byKey.set(key, issue);
  }
  return byKey;
}

function edit(desired: DesiredIssue, existing: ExistingIssue): IssueEdit | null {
  const change: IssueEdit = { number: existing.number, key: markerKey(desired.marker) };
  if (existing.title !== desired.title) change.title = desired.title;
  if (existing.body.replace(/\r\n/g, "\n") !== desired.body) change.body = desired.body;
  const missing = desired.labels.filter((l) => !existing.labels.includes(l));
  if (missing.length > 0) change.labels = missing;
  return Object.keys(change).length > 2 ? change : null;
}

/** Compare what the level wants with what exists. */
export function diffLevel(
  wanted: LevelIssues,
  existing: ReadonlyMap<string, ExistingIssue>,
): LevelDiff {
  const diff: LevelDiff = {
    labels: [],
    createTracking: null,
    create: [],
    edits: [],
    unchanged: [],
  };
  const carried = new Set([...existing.values()].flatMap((i) => i.labels));
  diff.labels = wanted.labels.filter((l) => !carried.has(l.name));
  const consider = (desired: DesiredIssue): boolean => {
    const found = existing.get(markerKey(desired.marker));
    if (!found) return false;
    const change = edit(desired, found);
    if (change) diff.edits.push(change);
    else diff.unchanged.push(found.number);
    return true;
  };
  if (!consider(wanted.tracking)) diff.createTracking = wanted.tracking;
  for (const issue of wanted.achievements) if (!consider(issue)) diff.create.push(issue);
  return diff;
}
