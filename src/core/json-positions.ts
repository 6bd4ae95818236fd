/**
 * Where values of a valid JSON text are written, for the paths asked about, in one pass that only
 * descends where a wanted path leads, leaves a container as soon as nothing more can be found in it
 * and stops once everything is found. What it does not descend into is skipped by `json-skip.ts`
 * (a compiled regular expression per container), with no token objects and no callbacks.
 *
 * Only for texts JSON.parse accepted (the structure is trusted). Lines break at "\n" and "\r\n";
 * a text with a lone "\r" is left to the caller's general walker, which counts it as a break too.
 */

import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  skipRest,
  skipSpace,
  skipString,
  skipValue,
} from "./json-skip.js";
import type { Position } from "./types.js";
import { holdShape } from "./held-shapes.js";

/** The wanted paths as a tree, so the walk knows at each value whether anyone asked for it. */
export class PathTrie {
  readonly children = new Map<string | number, PathTrie>();
  /** Offset where this value starts in the text, -1 until found. */
  offset = -1;
  /** Position found by the general walker (texts with a lone "\r"). */
  position: Position | null = null;
  /** Set by {@link locateObjects}: this value's members are wanted, not only where it starts. */
  wantsMembers = false;
  /** The object found here when its members are wanted (null: not found, or not an object). */
  object: ObjectSpan | null = null;
  /** Whether a path asked about ends here (it may also lead further). */
  wanted = false;
  /** Wanted nodes in this subtree, this one included, whose offset is still unknown. */
  pending = 0;
  /** The highest array index among the children (-1: none), past which an array is not read. */
  lastIndex = -1;

  constructor(readonly parent: PathTrie | null = null) {}

  /** The node for `path` under this one, created as needed and marked as wanted. */
  insert(path: readonly (string | number)[]): PathTrie {
    const leaf = path.reduce<PathTrie>((node, segment) => node.child(segment), this);
    if (!leaf.wanted) {
      leaf.wanted = true;
      for (let node: PathTrie | null = leaf; node !== null; node = node.parent) node.pending++;
    }
    return leaf;
  }

  /** Count this wanted node as found; returns how many wanted nodes the whole trie still lacks. */
  found(): number {
    let left = --this.pending;
    for (let node = this.parent; node !== null; node = node.parent) left = --node.pending;
    return left;
  }

  private child(segment: string | number): PathTrie {
    let child = this.children.get(segment);
    if (!child) {
      child = new PathTrie(this);
      this.children.set(segment, child);
      if (typeof segment === "number" && segment > this.lastIndex) this.lastIndex = segment;
    }
    return child;
  }

  /** This node's position, or its nearest positioned ancestor's (general walker). */
  nearestPosition(): Position {
    return this.position ?? this.parent?.nearestPosition() ?? { line: 1, column: 1 };
  }

  /** This node's offset, or its nearest found ancestor's (0 when none was found). */
  nearestOffset(): number {
    return this.offset !== -1 ? this.offset : (this.parent?.nearestOffset() ?? 0);
  }
}

holdShape(new PathTrie());

/** Whether the text has a "\r" not followed by "\n" (then the caller's walker must be used). */
export function hasLoneCarriageReturn(text: string): boolean {
  for (let at = text.indexOf("\r"); at !== -1; at = text.indexOf("\r", at + 1)) {
    if (text.charCodeAt(at + 1) !== 0x0a) return true;
  }
  return false;
}

/**
 * 1-based line and column (UTF-16 units) of each offset, counting "\n" line breaks up to the last
 * offset only, without a table of every line start (a 40 MB plan has millions of lines and a
 * hundred findings).
 */
export function positionsAt(text: string, offsets: readonly number[]): Position[] {
  const order = offsets
    .map((_, index) => index)
    .sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
  const positions = new Array<Position>(offsets.length);
  let line = 1;
  let lineStart = 0;
  let next = text.indexOf("\n");
  for (const index of order) {
    const offset = offsets[index] as number;
    while (next !== -1 && next < offset) {
      line++;
      lineStart = next + 1;
      next = text.indexOf("\n", lineStart);
    }
    positions[index] = { line, column: offset - lineStart + 1 };
  }
  return positions;
}

/**
 * Record in `root`'s nodes the offset of each wanted value of `text` (valid JSON). The walk leaves
 * a container unread once nothing more can be found in it: every wanted value under it is found,
 * or an array is past the last index asked for. It stops when every wanted value is found, except
 * when members are wanted ({@link locateObjects}): a key written again later replaces its object.
 */
export function markOffsets(text: string, root: PathTrie): void {
  const tries: PathTrie[] = [];
  const arrays: boolean[] = [];
  const indices: number[] = [];
  let pos = skipSpace(text, 0);
  let trie: PathTrie | null = root;
  for (;;) {
    // A value starts at `pos`; `trie` is its node (null when nothing in it is wanted).
    if (trie !== null && trie.offset === -1) {
      trie.offset = pos;
      if (trie.wanted && !trie.wantsMembers && trie.found() === 0) return;
    }
    const c = text.charCodeAt(pos);
    if (c === OPEN_BRACE && trie !== null && trie.wantsMembers) {
      trie.object = scanObject(text, pos);
      pos = trie.object.end;
    } else if (
      trie !== null &&
      trie.pending > 0 &&
      (c === OPEN_BRACKET ? trie.lastIndex >= 0 : c === OPEN_BRACE && trie.children.size > 0)
    ) {
      const isArray = c === OPEN_BRACKET;
      pos = skipSpace(text, pos + 1);
      const close = text.charCodeAt(pos);
      if (close !== (isArray ? CLOSE_BRACKET : CLOSE_BRACE)) {
        tries.push(trie);
        arrays.push(isArray);
        indices.push(0);
        if (isArray) {
          trie = trie.children.get(0) ?? null;
        } else {
          const member = readKey(text, pos);
          trie = trie.children.get(member.key) ?? null;
          pos = member.valueAt;
        }
        continue;
      }
      pos++;
    } else {
      pos = skipValue(text, pos);
    }
    // After a value: a comma leads to the next member, a closer ends the container.
    for (;;) {
      const depth = tries.length;
      if (depth === 0) return;
      const parent = tries[depth - 1] as PathTrie;
      const isArray = arrays[depth - 1] as boolean;
      if (parent.pending === 0 || (isArray && (indices[depth - 1] as number) >= parent.lastIndex)) {
        // Nothing more to find in this container.
        pos = skipRest(text, pos);
      } else {
        pos = skipSpace(text, pos);
        if (text.charCodeAt(pos) === COMMA) {
          pos = skipSpace(text, pos + 1);
          if (isArray) {
            const index = (indices[depth - 1] as number) + 1;
            indices[depth - 1] = index;
            trie = parent.children.get(index) ?? null;
          } else {
            const member = readKey(text, pos);
            trie = parent.children.get(member.key) ?? null;
            pos = member.valueAt;
          }
          break;
        }
        // A closing brace or bracket.
        pos++;
      }
      tries.pop();
      arrays.pop();
      indices.pop();
    }
  }
}

/** One member of an object as written: its key, where the key starts, and its value's span. */
export interface MemberSpan {
  key: string;
  keyOffset: number;
  valueOffset: number;
  /** Offset just past the value. */
  valueEnd: number;
}

/** An object as written: where it starts and ends, and its members in text order. */
export interface ObjectSpan {
  offset: number;
  /** Offset just past its closing brace. */
  end: number;
  members: MemberSpan[];
}

/**
 * For each path, the object written there with its members (null when the path leads nowhere or
 * to something else than an object), in one pass over `text` (valid JSON) that descends only
 * towards those objects. Offsets only, so any line breaks are fine. A key written twice appears
 * twice, in text order. No path may lead inside another one's object.
 */
export function locateObjects(
  text: string,
  paths: readonly (readonly (string | number)[])[],
): (ObjectSpan | null)[] {
  const root = new PathTrie();
  const leaves = paths.map((path) => root.insert(path));
  for (const leaf of leaves) {
    if (leaf.children.size > 0) throw new Error("locateObjects: one path leads inside another");
    leaf.wantsMembers = true;
  }
  markOffsets(text, root);
  return leaves.map((leaf) => leaf.object);
}

/** The object whose opening brace is at `pos`, with its members. */
function scanObject(text: string, pos: number): ObjectSpan {
  const members: MemberSpan[] = [];
  let at = skipSpace(text, pos + 1);
  if (text.charCodeAt(at) === CLOSE_BRACE) return { offset: pos, end: at + 1, members };
  for (;;) {
    const keyOffset = at;
    const { key, valueAt } = readKey(text, at);
    const valueEnd = skipValue(text, valueAt);
    members.push({ key, keyOffset, valueOffset: valueAt, valueEnd });
    at = skipSpace(text, valueEnd);
    if (text.charCodeAt(at) !== COMMA) return { offset: pos, end: at + 1, members };
    at = skipSpace(text, at + 1);
  }
}

/** The key starting at `pos` (a string) and the offset of its value. */
function readKey(text: string, pos: number): { key: string; valueAt: number } {
  const end = skipString(text, pos);
  const raw = text.slice(pos + 1, end - 1);
  const key = raw.includes("\\") ? (JSON.parse(text.slice(pos, end)) as string) : raw;
  let at = skipSpace(text, end);
  if (text.charCodeAt(at) === COLON) at++;
  return { key, valueAt: skipSpace(text, at) };
}
