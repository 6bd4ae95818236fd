/**
 * What one achievement's sync fields should say, from the files found for it (filesystem first)
 * and, when given, its assignment: the values that differ from what parallel.json says, each
 * with the file that proves it.
 */
import type { AchievementFiles, AchievementReport } from "../model.js";
import type { Status } from "../types.js";
import type { Assignment, HistoryTimes, JsonValue, SyncChange, SyncField } from "./sync-types.js";

/** The achievement as sync sees it: where it is, what it says, what the files say. */
export interface AchievementState {
  id: string;
  levelIndex: number;
  indexInLevel: number;
  /** The achievement's object in parallel.json, as parsed. */
  raw: Readonly<Record<string, unknown>>;
  report: AchievementReport;
  assignment: Assignment | undefined;
  /** Start and end by history, when the caller read it. */
  times?: HistoryTimes | undefined;
}

/** The plan folder: where its files are, and which exist. */
export interface FolderView {
  /** From the snapshot root ("" for the root). */
  dir: string;
  /** Whether a path relative to the folder is a file of it. */
  has(relPath: string): boolean;
}

/** The changes that make the achievement's fields agree with its files (and assignment). */
export function desiredChanges(state: AchievementState, folder: FolderView): SyncChange[] {
  const changes: SyncChange[] = [];
  const add = (field: SyncField, to: JsonValue, proof: string | null, reason: string): void => {
    const from = readField(state.raw, field);
    if (sameJson(from, to)) return;
    const path = ["levels", state.levelIndex, "achievements", state.indexInLevel, field];
    changes.push({ id: state.id, field, path, from, to, proof, reason });
  };

  const { report } = state;
  const status = syncedStatus(report);
  if (status !== null) add("status", status, ...statusProof(report.files, status));

  const subplan = subplanPath(state.raw, report.files, folder);
  if (subplan) add("subplan_path", subplan.to, subplan.proof, subplan.reason);

  const executions = executionPaths(state.raw, report.files, folder);
  if (executions) add("execution_paths", executions.to, executions.proof, executions.reason);

  const assignment = state.assignment;
  if (assignment) {
    const source = assignment.source ?? "its achievement issue";
    add("executor", assignment.executor, null, `assigned on ${source}`);
    add("assigned_at", assignment.assignedAt, null, `assigned on ${source}`);
  }
  // Dates come with the status they explain; a value already written (by people) is kept.
  const times = state.times;
  if (times?.startedAt && isUnset(state.raw, "started_at")) {
    add(
      "started_at",
      times.startedAt.at,
      times.startedAt.proof,
      "first commit of its EXECUTION_TASK",
    );
  }
  if (times?.completedAt && isUnset(state.raw, "completed_at")) {
    add(
      "completed_at",
      times.completedAt.at,
      times.completedAt.proof,
      "commit that added its APPROVED file",
    );
  }
  return changes;
}

function isUnset(raw: Readonly<Record<string, unknown>>, field: SyncField): boolean {
  const value = Object.hasOwn(raw, field) ? raw[field] : undefined;
  return value === undefined || value === null || value === "";
}

/**
 * The status to write, or null to keep what is written. `failed` and `skipped` are kept (the
 * report's `status` already keeps them), and so is `execution_created` while an EXECUTION_TASK
 * exists: the files cannot tell it from `in_progress` (status-drift accepts both).
 */
function syncedStatus(report: AchievementReport): Status | null {
  if (report.declaredStatus === "execution_created" && report.derivedStatus === "in_progress") {
    return null;
  }
  return report.status;
}

function statusProof(files: AchievementFiles, status: Status): [string | null, string] {
  if (status === "complete") return [files.approved, "APPROVED file exists"];
  if (status === "in_progress") {
    return [files.executions[0] ?? null, "EXECUTION_TASK file exists, no APPROVED file"];
  }
  if (status === "subplan_created") {
    return [files.subplan, "SUBPLAN file exists, no EXECUTION_TASK or APPROVED file"];
  }
  return [null, "no SUBPLAN, EXECUTION_TASK or APPROVED file exists"];
}

type Desired = { to: JsonValue; proof: string | null; reason: string } | null;

/**
 * A `subplan_path` naming an existing file is kept as written; otherwise it becomes the SUBPLAN
 * found, or null when there is none (a missing key stays missing: null says nothing more).
 */
function subplanPath(
  raw: Readonly<Record<string, unknown>>,
  files: AchievementFiles,
  folder: FolderView,
): Desired {
  const written = readField(raw, "subplan_path");
  if (typeof written === "string" && folder.has(normalize(written))) return null;
  if (files.subplan !== null) {
    return {
      to: relative(files.subplan, folder),
      proof: files.subplan,
      reason: "SUBPLAN file exists",
    };
  }
  if (written === undefined || written === null) return null;
  const reason =
    typeof written === "string" ? `${written} does not exist` : "subplan_path is not a path";
  return { to: null, proof: null, reason };
}

/**
 * Entries naming existing files are kept, in their order; EXECUTION_TASK files not listed yet are
 * appended (sorted); entries naming nothing are dropped. A missing key stays missing while there
 * is no EXECUTION_TASK.
 */
function executionPaths(
  raw: Readonly<Record<string, unknown>>,
  files: AchievementFiles,
  folder: FolderView,
): Desired {
  const written = readField(raw, "execution_paths");
  const entries = Array.isArray(written) ? written : [];
  const kept = entries.filter(
    (e): e is string => typeof e === "string" && folder.has(normalize(e)),
  );
  const listed = new Set(kept.map(normalize));
  const added = files.executions.filter((p) => !listed.has(relative(p, folder)));
  const to = [...kept, ...added.map((p) => relative(p, folder))];
  if (written === undefined && to.length === 0) return null;
  const dropped = entries.filter((e) => !kept.includes(e as string));
  const reason =
    added.length > 0
      ? `EXECUTION_TASK ${added.length === 1 ? "file exists" : "files exist"}`
      : dropped.length > 0
        ? `${dropped.filter((e) => typeof e === "string").join(", ") || "an entry"} does not exist`
        : "EXECUTION_TASK files are listed";
  return { to, proof: added[0] ?? null, reason };
}

/** An own property of the parsed object (never one inherited from Object.prototype). */
export function readField(
  raw: Readonly<Record<string, unknown>>,
  field: string,
): JsonValue | undefined {
  return Object.hasOwn(raw, field) ? (raw[field] as JsonValue) : undefined;
}

/** Deep equality of parsed JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const objA = a as Record<string, unknown>;
  const objB = b as Record<string, unknown>;
  return keysA.every((key) => Object.hasOwn(objB, key) && sameJson(objA[key], objB[key]));
}

function normalize(path: string): string {
  return path.replace(/^\.\//, "");
}

function relative(path: string, folder: FolderView): string {
  return folder.dir === "" ? path : path.slice(folder.dir.length + 1);
}
