/**
 * Sync changes → minimal text edits of parallel.json: a changed value is replaced where it is
 * written, a missing key is inserted after its natural predecessor with the indentation of the
 * line it follows. Nothing else in the text moves.
 *
 * jsonc-parser's `modify` is not used for the edit text: with `formattingOptions` it re-formats
 * the lines around an insertion (a one-line `"dependencies": ["1.1"]` beside it becomes three
 * lines, a one-line object is exploded), and without them it writes compact JSON. The offsets
 * come from one pass over the text that reads only the objects edited (`locateObjects`: a whole
 * syntax tree of a plan of 10,000 achievements costs more than the rest of sync), and the file's
 * own style (`json-style.ts`) gives the text.
 */
import { locateObjects, type MemberSpan, type ObjectSpan } from "../json-positions.js";
import {
  formatValue,
  lineIndent,
  lineLength,
  lineStart,
  startsLine,
  type JsonStyle,
} from "./json-style.js";
import type { SyncChange, TextEdit } from "./sync-types.js";

/**
 * Where keys go when they are added: the seed's order of an achievement's fields. A new key goes
 * after the last key present that comes before it here (`id` always does).
 */
const KEY_ORDER = [
  "id",
  "title",
  "estimated_hours",
  "dependencies",
  "optional_dependencies",
  "blocks",
  "status",
  "subplan_path",
  "execution_paths",
  "executor",
  "assigned_at",
  "started_at",
  "completed_at",
  "actual_hours",
];

/** The edits applying `changes` to `text` (valid JSON). Throws when a path is not in the text. */
export function buildEdits(
  text: string,
  changes: readonly SyncChange[],
  style: JsonStyle,
): TextEdit[] {
  const byObject = new Map<string, SyncChange[]>();
  for (const change of changes) {
    const key = JSON.stringify(change.path.slice(0, -1));
    const group = byObject.get(key);
    if (group) group.push(change);
    else byObject.set(key, [change]);
  }
  const groups = [...byObject.values()];
  const objects = locateObjects(
    text,
    groups.map((group) => (group[0] as SyncChange).path.slice(0, -1)),
  );
  const edits: TextEdit[] = [];
  groups.forEach((group, index) => {
    const object = objects[index];
    if (!object) throw new Error(`${group[0]?.id}: its object is not where expected`);
    const newline = text.indexOf("\n", object.offset);
    const inline = newline === -1 || newline >= object.end;
    const inserts: SyncChange[] = [];
    for (const change of group) {
      const member = lastMember(object, change.field);
      if (member) edits.push(replaceEdit(text, member, change, inline, style));
      else inserts.push(change);
    }
    edits.push(...insertEdits(text, object, inserts, inline, style));
  });
  return edits.sort((a, b) => a.offset - b.offset);
}

function replaceEdit(
  text: string,
  member: MemberSpan,
  change: SyncChange,
  inline: boolean,
  style: JsonStyle,
): TextEdit {
  const offset = member.valueOffset;
  const newline = text.indexOf("\n", offset);
  const site = {
    indent: lineIndent(text, offset),
    column: offset - lineStart(text, offset),
    multiline: newline !== -1 && newline < member.valueEnd,
    inlineObject: inline,
    lineLength: lineLength(text, offset),
  };
  return {
    offset,
    length: member.valueEnd - offset,
    content: formatValue(change.to, site, style),
  };
}

/** One edit per anchor member: the keys going after it, in the seed's order. */
function insertEdits(
  text: string,
  object: ObjectSpan,
  inserts: SyncChange[],
  inline: boolean,
  style: JsonStyle,
): TextEdit[] {
  const byAnchor = new Map<MemberSpan, SyncChange[]>();
  for (const change of [...inserts].sort((a, b) => rank(a.field) - rank(b.field))) {
    const anchor = anchorFor(object, change.field);
    if (!anchor) throw new Error(`${change.id}: no key to insert ${change.field} after`);
    const group = byAnchor.get(anchor);
    if (group) group.push(change);
    else byAnchor.set(anchor, [change]);
  }
  return [...byAnchor].map(([anchor, changes]) => {
    const indent = startsLine(text, anchor.keyOffset)
      ? lineIndent(text, anchor.keyOffset)
      : lineIndent(text, object.offset) + style.unit;
    const separator = inline ? ", " : `,${style.eol}${indent}`;
    const content = changes
      .map((change) => {
        const key = `${JSON.stringify(change.field)}: `;
        const site = {
          indent,
          column: indent.length + key.length,
          multiline: false,
          inlineObject: inline,
          lineLength: 0,
        };
        return separator + key + formatValue(change.to, site, style);
      })
      .join("");
    return { offset: anchor.valueEnd, length: 0, content };
  });
}

/** The member a new key goes after: the last one of the highest rank below the key's. */
function anchorFor(object: ObjectSpan, field: string): MemberSpan | undefined {
  const own = rank(field);
  let best: MemberSpan | undefined;
  let bestRank = -1;
  for (const member of object.members) {
    const r = rank(member.key);
    if (r < own && r >= bestRank) {
      best = member;
      bestRank = r;
    }
  }
  return best;
}

function rank(key: string): number {
  const index = KEY_ORDER.indexOf(key);
  return index === -1 ? KEY_ORDER.length : index;
}

/** A key written twice is its last occurrence, as `JSON.parse` reads it. */
function lastMember(object: ObjectSpan, key: string): MemberSpan | undefined {
  const members = object.members;
  for (let i = members.length - 1; i >= 0; i--) {
    const member = members[i] as MemberSpan;
    if (member.key === key) return member;
  }
  return undefined;
}

/**
 * `text` with every edit applied, in one pass: the pieces between edits and the edits' contents
 * are joined once. Edits must not overlap (those of {@link buildEdits} never do). Applying them one
 * by one (jsonc-parser's `applyEdits`) copies the whole text per edit: quadratic, seconds for the
 * 10,000 status edits of a large plan.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    if (edit.offset < at) throw new Error("overlapping edits of parallel.json");
    parts.push(text.slice(at, edit.offset), edit.content);
    at = edit.offset + edit.length;
  }
  parts.push(text.slice(at));
  return parts.join("");
}
