/**
 * Where values of a valid JSON text are written, for the paths asked about, in one pass that only
 * descends where a wanted path leads. Everything else is skipped a character at a time (strings by
 * jumping to their closing quote), with no token objects and no callbacks: on a plan of 10,000
 * achievements with a hundred findings the pass costs less than the JSON.parse before it.
 *
 * Only for texts JSON.parse accepted (the structure is trusted). Lines break at "\n" and "\r\n";
 * a text with a lone "\r" is left to the caller's general walker, which counts it as a break too.
 */

import type { Position } from "./types.js";

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

  constructor(readonly parent: PathTrie | null = null) {}

  /** The node for `path` under this one, created as needed. */
  insert(path: readonly (string | number)[]): PathTrie {
    return path.reduce<PathTrie>((node, segment) => node.child(segment), this);
  }

  private child(segment: string | number): PathTrie {
    let child = this.children.get(segment);
    if (!child) {
      child = new PathTrie(this);
      this.children.set(segment, child);
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

/**
 * V8 gives an object the hidden class its fields were added in, and keeps those classes only while
 * some object uses them: when every PathTrie of one analysis has been collected, a full collection
 * drops the class and deoptimizes the code compiled against it, so the next analysis first runs
 * slowly and recompiles. This one instance, never used, keeps the class (and the code) alive.
 */
export const PATH_TRIE_SHAPE = new PathTrie();

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

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

/** Record in `root`'s nodes the offset of each wanted value of `text` (valid JSON). */
export function markOffsets(text: string, root: PathTrie): void {
  const tries: (PathTrie | null)[] = [];
  const arrays: boolean[] = [];
  const indices: number[] = [];
  let pos = skipSpace(text, 0);
  let trie: PathTrie | null = root;
  for (;;) {
    // A value starts at `pos`; `trie` is its node (null when nothing in it is wanted).
    if (trie !== null && trie.offset === -1) trie.offset = pos;
    const c = text.charCodeAt(pos);
    if (c === OPEN_BRACE && trie !== null && trie.wantsMembers) {
      trie.object = scanObject(text, pos);
      pos = trie.object.end;
    } else if (
      (c === OPEN_BRACE || c === OPEN_BRACKET) &&
      trie !== null &&
      trie.children.size > 0
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
      pos = skipSpace(text, pos);
      const c2 = text.charCodeAt(pos);
      if (c2 === COMMA) {
        pos = skipSpace(text, pos + 1);
        const parent = tries[depth - 1] as PathTrie;
        if (arrays[depth - 1]) {
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

function skipSpace(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
    else return pos;
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

/** Offset just past the string whose opening quote is at `pos`. */
function skipString(text: string, pos: number): number {
  let at = pos + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** Offset just past the value (of any kind) starting at `pos`. */
function skipValue(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) return skipString(text, pos);
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    // A number, true, false or null: up to the next delimiter.
    let at = pos + 1;
    for (;;) {
      const d = text.charCodeAt(at);
      if (
        at >= text.length ||
        d === COMMA ||
        d === CLOSE_BRACE ||
        d === CLOSE_BRACKET ||
        d === 0x20 ||
        d === 0x0a ||
        d === 0x0d ||
        d === 0x09
      )
        return at;
      at++;
    }
  }
  let depth = 0;
  let at = pos;
  for (;;) {
    const d = text.charCodeAt(at);
    if (d === QUOTE) {
      at = skipString(text, at);
      continue;
    }
    if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
    else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return at + 1;
    }
    at++;
    if (at >= text.length) return at;
  }
}
