/**
 * The vocabulary of status sync: what makes parallel.json agree with the files (filesystem first,
 * seed 003 Gap 2), as a list of changes, each with the file that proves it, and the minimal text
 * edits that apply them.
 */
import type { JsonPath } from "../json-document.js";

/** The fields sync writes. Everything else in parallel.json is left exactly as written. */
export const SYNC_FIELDS = [
  "status",
  "subplan_path",
  "execution_paths",
  "executor",
  "assigned_at",
  "started_at",
  "completed_at",
] as const;
export type SyncField = (typeof SYNC_FIELDS)[number];

/** A JSON value as sync writes it. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Who works on an achievement, as its achievement issue says (assignee and when). The app will pass
 * these once achievement issues exist; until then nobody passes any and sync leaves `executor` and
 * `assigned_at` alone.
 */
export interface Assignment {
  executor: string;
  /** ISO 8601. */
  assignedAt: string;
  /** Where it comes from, e.g. "issue #12"; shown as the proof of the change. */
  source?: string;
}

/**
 * When an achievement started and finished by its files' history (first EXECUTION_TASK commit,
 * the commit that added its APPROVED file), with the file that shows it. Sync writes them only
 * where parallel.json has no value: what people wrote is kept.
 */
export interface HistoryTimes {
  startedAt: { at: string; proof: string } | null;
  completedAt: { at: string; proof: string } | null;
}

/** One value sync changes. */
export interface SyncChange {
  /** The achievement's id. */
  id: string;
  field: SyncField;
  /** JSON path of the value in parallel.json. */
  path: JsonPath;
  /** The value written now; `undefined` when the key is absent. */
  from: JsonValue | undefined;
  to: JsonValue;
  /**
   * The file that proves the new value (path from the snapshot root), or null when the proof is
   * an absence ("no SUBPLAN, EXECUTION_TASK or APPROVED file") or an assignment.
   */
  proof: string | null;
  /** Why, as a clause: `APPROVED file exists`, `subplans/X.md does not exist`. */
  reason: string;
}

/** An achievement sync leaves alone, and why. */
export interface SkippedAchievement {
  id: string;
  reason: string;
}

/** A minimal text edit: replace `length` characters at `offset` with `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** What sync decided for one parallel.json. */
export type SyncOutcome =
  | {
      kind: "synced";
      /** The text as read (a UTF-8 byte order mark kept). */
      text: string;
      /** The text after the edits; equal to `text` when nothing changes. */
      newText: string;
      edits: TextEdit[];
      changes: SyncChange[];
      skipped: SkippedAchievement[];
    }
  | {
      kind: "refused";
      /** One sentence: why editing this file is not safe. */
      reason: string;
    };

/** Sync of one plan folder of a snapshot. */
export interface PlanSync {
  /** Plan (folder) name. */
  plan: string;
  /** Plan folder, from the snapshot root ("" for the root itself). */
  dir: string;
  /** parallel.json, from the snapshot root; null when the folder has none (nothing to sync). */
  file: string | null;
  outcome: SyncOutcome | null;
}

/** True when the outcome changes the file. */
export function hasDrift(outcome: SyncOutcome | null): boolean {
  return outcome?.kind === "synced" && outcome.changes.length > 0;
}
