/**
 * Sync of one parallel.json: the analysis of its plan says what the files prove; this turns that
 * into changes and minimal edits, applies them, and checks the result reads back as exactly the
 * old document with the changed values. Pure: text in, edits and new text out.
 */
import type { ParsedPlanJson } from "../analyze-plan.js";
import { decodeText } from "../decode-text.js";
import { parseJsonDocument } from "../json-document.js";
import type { AchievementReport, ParallelPlan, PlanReport } from "../model.js";
import { normalizePlan } from "../normalize-plan.js";
import { desiredChanges, sameJson, type FolderView } from "./desired-fields.js";
import { applyTextEdits, buildEdits } from "./json-edits.js";
import { detectStyle } from "./json-style.js";
import type {
  Assignment,
  HistoryTimes,
  JsonValue,
  SkippedAchievement,
  SyncChange,
  SyncOutcome,
  TextEdit,
} from "./sync-types.js";

export interface SyncInput {
  /** parallel.json as read: bytes, or text. */
  content: Uint8Array | string;
  /** Its size in bytes. */
  size: number;
  /** The analysis of its plan (`analyzePlan` on the same content). */
  report: PlanReport;
  folder: FolderView;
  limits: { maxJsonBytes: number; maxJsonDepth: number };
  /** Executor and assignment time per achievement id, when the app knows them. */
  assignments?: ReadonlyMap<string, Assignment>;
  /** Start and end per achievement id from the files' history, when the caller read it. */
  times?: ReadonlyMap<string, HistoryTimes>;
  /**
   * The same content as the analysis decoded and parsed it (`analyzePlanParsed`), so it is not
   * read a second time; without it the content is decoded and parsed here.
   */
  parsed?: ParsedPlanJson | null;
}

const BOM = "\uFEFF";

/** Decide the changes that make parallel.json agree with the files, or why it cannot be edited. */
export function syncParallelJson(input: SyncInput): SyncOutcome {
  const { maxJsonBytes, maxJsonDepth } = input.limits;
  if (input.size > maxJsonBytes) {
    return refused(
      `it is ${input.size} bytes, over the limit of ${maxJsonBytes} bytes (limits.max_json_bytes raises it), so it was not read`,
    );
  }
  const read = input.parsed ?? readJson(input.content, maxJsonDepth);
  if (typeof read === "string") return refused(read);
  const { text, value, plan } = read;
  const bom = hasBom(input.content) ? BOM : "";

  const { changes, skipped } = planChanges(value, plan, input);
  if (changes.length === 0) {
    return { kind: "synced", text: bom + text, newText: bom + text, edits: [], changes, skipped };
  }
  const edits = buildEdits(text, changes, detectStyle(text));
  const newText = applyTextEdits(text, edits);
  if (!readsBackAs(value, newText, changes)) {
    return refused("its edits did not read back as intended (is a key written twice?)");
  }
  const shifted: TextEdit[] = edits.map((e) => ({ ...e, offset: e.offset + bom.length }));
  return {
    kind: "synced",
    text: bom + text,
    newText: bom + newText,
    edits: shifted,
    changes,
    skipped,
  };
}

/** The content decoded and parsed, or why it cannot be. */
function readJson(content: Uint8Array | string, maxJsonDepth: number): ParsedPlanJson | string {
  const decoded = decodeText(content);
  if (!decoded.ok) return decoded.message;
  const parsed = parseJsonDocument(decoded.text, maxJsonDepth);
  if (!parsed.ok) {
    const { line, column } = parsed.position;
    return `it does not parse (${parsed.message} at line ${line}, column ${column}): fix it first`;
  }
  const value = parsed.document.value;
  return { text: decoded.text, value, plan: normalizePlan(value) };
}

function planChanges(
  value: unknown,
  plan: ParallelPlan,
  input: SyncInput,
): { changes: SyncChange[]; skipped: SkippedAchievement[] } {
  const reports = new Map<string, AchievementReport>(
    input.report.achievements.map((a) => [a.id, a]),
  );
  const owners = new Map<string, string[]>();
  for (const node of plan.nodes)
    owners.set(node.token, [...(owners.get(node.token) ?? []), node.id]);

  const changes: SyncChange[] = [];
  const skipped: SkippedAchievement[] = [];
  for (const achievement of plan.achievements) {
    if (achievement.node === -1) {
      skipped.push({
        id: achievement.id,
        reason: "its id is used more than once: only the first is synced",
      });
      continue;
    }
    const sharing = (owners.get(achievement.token) ?? []).filter((id) => id !== achievement.id);
    if (sharing.length > 0) {
      const others = sharing.join(", ");
      skipped.push({
        id: achievement.id,
        reason: `it shares the file token "${achievement.token}" with ${others}`,
      });
      continue;
    }
    const report = reports.get(achievement.id);
    if (!report) continue;
    const raw = achievementObject(value, achievement.levelIndex, achievement.indexInLevel);
    changes.push(
      ...desiredChanges(
        {
          id: achievement.id,
          levelIndex: achievement.levelIndex,
          indexInLevel: achievement.indexInLevel,
          raw,
          report,
          assignment: input.assignments?.get(achievement.id),
          times: input.times?.get(achievement.id),
        },
        input.folder,
      ),
    );
  }
  return { changes, skipped };
}

function achievementObject(
  value: unknown,
  levelIndex: number,
  index: number,
): Record<string, unknown> {
  const levels = (value as { levels: { achievements: unknown[] }[] }).levels;
  return levels[levelIndex]?.achievements[index] as Record<string, unknown>;
}

/**
 * The new text parses as the old document (`value`, left untouched) with exactly the changed
 * values replaced.
 */
function readsBackAs(value: unknown, newText: string, changes: readonly SyncChange[]): boolean {
  let actual: unknown;
  try {
    actual = JSON.parse(newText);
  } catch {
    return false;
  }
  const replaced = new Map<object, Map<string, JsonValue>>();
  for (const change of changes) {
    const parent = change.path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value) as object;
    const fields = replaced.get(parent) ?? new Map<string, JsonValue>();
    fields.set(change.field, change.to);
    replaced.set(parent, fields);
  }
  return sameAsReplaced(actual, value, replaced);
}

/**
 * Deep equality of `actual` with `expected` in which the objects of `replaced` have the given
 * fields set (added when absent), as if they had been assigned, without copying or changing it.
 */
function sameAsReplaced(
  actual: unknown,
  expected: unknown,
  replaced: ReadonlyMap<object, ReadonlyMap<string, JsonValue>>,
): boolean {
  if (actual === expected) return true;
  if (typeof actual !== "object" || typeof expected !== "object") return false;
  if (actual === null || expected === null) return false;
  if (Array.isArray(actual) !== Array.isArray(expected)) return false;
  const fields = replaced.get(expected);
  const keys = Object.keys(actual);
  let expectedCount = Object.keys(expected).length;
  if (fields)
    for (const field of fields.keys()) if (!Object.hasOwn(expected, field)) expectedCount++;
  if (keys.length !== expectedCount) return false;
  const a = actual as Record<string, unknown>;
  const b = expected as Record<string, unknown>;
  for (const key of keys) {
    if (fields?.has(key)) {
      if (!sameJson(a[key], fields.get(key))) return false;
    } else if (!Object.hasOwn(b, key) || !sameAsReplaced(a[key], b[key], replaced)) {
      return false;
    }
  }
  return true;
}

function hasBom(content: Uint8Array | string): boolean {
  if (typeof content === "string") return content.startsWith(BOM);
  return content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
}

function refused(reason: string): SyncOutcome {
  return { kind: "refused", reason };
}
