/**
 * Sync changes → minimal text edits of parallel.json: a changed value is replaced where it is
 * written, a missing key is inserted after its natural predecessor with the indentation of the
 * line it follows. Nothing else in the text moves.
 *
 * jsonc-parser's `modify` is not used for the edit text: with `formattingOptions` it re-formats
 * the lines around an insertion (a one-line `"dependencies": ["1.1"]` beside it becomes three
 * lines, a one-line object is exploded), and without them it writes compact JSON. Its syntax
 * tree gives the offsets, and the file's own style (`json-style.ts`) gives the text.
 */
import { parseTree, type Node } from "jsonc-parser";
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
  const root = parseTree(text, [], { disallowComments: true });
  if (!root) throw new Error("parallel.json has no JSON value");
  const byObject = new Map<string, SyncChange[]>();
  for (const change of changes) {
    const key = JSON.stringify(change.path.slice(0, -1));
    const group = byObject.get(key);
    if (group) group.push(change);
    else byObject.set(key, [change]);
  }
  const edits: TextEdit[] = [];
  for (const group of byObject.values()) {
    const object = locate(root, (group[0] as SyncChange).path.slice(0, -1));
    if (object?.type !== "object")
      throw new Error(`${group[0]?.id}: its object is not where expected`);
    const inline = !text.slice(object.offset, object.offset + object.length).includes("\n");
    const inserts: SyncChange[] = [];
    for (const change of group) {
      const property = lastProperty(object, change.field);
      const value = property?.children?.[1];
      if (value) edits.push(replaceEdit(text, value, change, inline, style));
      else inserts.push(change);
    }
    edits.push(...insertEdits(text, object, inserts, inline, style));
  }
  return edits.sort((a, b) => a.offset - b.offset);
}

function replaceEdit(
  text: string,
  value: Node,
  change: SyncChange,
  inline: boolean,
  style: JsonStyle,
): TextEdit {
  const site = {
    indent: lineIndent(text, value.offset),
    column: value.offset - lineStart(text, value.offset),
    multiline: text.slice(value.offset, value.offset + value.length).includes("\n"),
    inlineObject: inline,
    lineLength: lineLength(text, value.offset),
  };
  return {
    offset: value.offset,
    length: value.length,
    content: formatValue(change.to, site, style),
  };
}

/** One edit per anchor property: the keys going after it, in the seed's order. */
function insertEdits(
  text: string,
  object: Node,
  inserts: SyncChange[],
  inline: boolean,
  style: JsonStyle,
): TextEdit[] {
  const byAnchor = new Map<Node, SyncChange[]>();
  for (const change of [...inserts].sort((a, b) => rank(a.field) - rank(b.field))) {
    const anchor = anchorFor(object, change.field);
    if (!anchor) throw new Error(`${change.id}: no key to insert ${change.field} after`);
    const group = byAnchor.get(anchor);
    if (group) group.push(change);
    else byAnchor.set(anchor, [change]);
  }
  return [...byAnchor].map(([anchor, changes]) => {
    const indent = startsLine(text, anchor.offset)
      ? lineIndent(text, anchor.offset)
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
    return { offset: anchor.offset + anchor.length, length: 0, content };
  });
}

/** The property a new key goes after: the last one of the highest rank below the key's. */
function anchorFor(object: Node, field: string): Node | undefined {
  const own = rank(field);
  let best: Node | undefined;
  let bestRank = -1;
  for (const property of object.children ?? []) {
    const key = property.children?.[0]?.value as unknown;
    const r = typeof key === "string" ? rank(key) : KEY_ORDER.length;
    if (r < own && r >= bestRank) {
      best = property;
      bestRank = r;
    }
  }
  return best;
}

function rank(key: string): number {
  const index = KEY_ORDER.indexOf(key);
  return index === -1 ? KEY_ORDER.length : index;
}

/**
 * The node at a path. A key written twice resolves to its last occurrence, as `JSON.parse` reads
 * it (jsonc-parser's own `findNodeAtLocation` takes the first).
 */
function locate(root: Node, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === "number")
      node = node.type === "array" ? node.children?.[segment] : undefined;
    else node = node.type === "object" ? lastProperty(node, segment)?.children?.[1] : undefined;
  }
  return node;
}

function lastProperty(object: Node, key: string): Node | undefined {
  const properties = object.children ?? [];
  for (let i = properties.length - 1; i >= 0; i--) {
    const property = properties[i] as Node;
    if (property.children?.[0]?.value === key) return property;
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
