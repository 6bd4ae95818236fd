/**
 * parallel.json with source positions. The value comes from the native `JSON.parse` (fast, and
 * iterative in V8, so deep nesting cannot overflow the stack); positions come from one pass over
 * the text that descends only where a wanted path leads (`json-positions.ts`), made only when a
 * finding needs a position. A valid plan without findings never pays for positions.
 */
import {
  createScanner,
  parse as parseJsonc,
  printParseErrorCode,
  visit,
  type ParseError,
} from "jsonc-parser";
import { hasLoneCarriageReturn, markOffsets, PathTrie, positionsAt } from "./json-positions.js";
import { LineIndex } from "./text-lines.js";
import type { Position } from "./types.js";
import { holdShape } from "./held-shapes.js";

export type JsonPath = (string | number)[];

export type JsonParseResult =
  | { ok: true; document: JsonDocument }
  | { ok: false; kind: "syntax" | "depth"; message: string; position: Position };

/** A parsed JSON text that can say where its values are written. */
export class JsonDocument {
  private loneCr: boolean | null = null;

  constructor(
    readonly text: string,
    readonly value: unknown,
  ) {}

  /** Position of one value; see {@link locateAll}. */
  locate(path: JsonPath): Position {
    return this.locateAll([path])[0] as Position;
  }

  /**
   * Positions of many values in one pass over the text. A path that does not exist (a missing
   * property) gets the position of its nearest existing ancestor. Callers batch their paths: the
   * pass runs once per file, and only when findings exist.
   */
  locateAll(paths: readonly JsonPath[]): Position[] {
    const root = new PathTrie();
    const leaves = paths.map((path) => root.insert(path));
    this.loneCr ??= hasLoneCarriageReturn(this.text);
    if (this.loneCr) {
      markPositions(this.text, root);
      return leaves.map((leaf) => leaf.nearestPosition());
    }
    markOffsets(this.text, root);
    return positionsAt(
      this.text,
      leaves.map((leaf) => leaf.nearestOffset()),
    );
  }
}

holdShape(new JsonDocument("", null));

/** One container being walked: the trie node for it (null when nothing inside is wanted). */
interface Frame {
  trie: PathTrie | null;
  isArray: boolean;
  index: number;
  key: string;
}

/**
 * The general walker, for texts with a lone "\r" (which jsonc-parser counts as a line break): the
 * text with jsonc-parser's visitor (its parser recursion is bounded by the depth check done
 * before), following the trie alongside the current path.
 */
function markPositions(text: string, root: PathTrie): void {
  const frames: Frame[] = [];
  const at = (line: number, character: number): Position => ({
    line: line + 1,
    column: character + 1,
  });
  /** Trie node of the value that starts now, at the current path. */
  const current = (): PathTrie | null => {
    const frame = frames[frames.length - 1];
    if (!frame) return root;
    if (!frame.trie) return null;
    return frame.trie.children.get(frame.isArray ? frame.index : frame.key) ?? null;
  };
  const begin = (isArray: boolean, line: number, character: number) => {
    const trie = current();
    if (trie && !trie.position) trie.position = at(line, character);
    frames.push({ trie, isArray, index: 0, key: "" });
  };
  visit(
    text,
    {
      onObjectBegin: (_offset, _length, line, character) => begin(false, line, character),
      onArrayBegin: (_offset, _length, line, character) => begin(true, line, character),
      onObjectEnd: () => void frames.pop(),
      onArrayEnd: () => void frames.pop(),
      onObjectProperty: (property) => {
        const frame = frames[frames.length - 1];
        if (frame) frame.key = property;
      },
      onLiteralValue: (_value, _offset, _length, line, character) => {
        const trie = current();
        if (trie && !trie.position) trie.position = at(line, character);
      },
      onSeparator: (separator) => {
        const frame = frames[frames.length - 1];
        if (frame?.isArray && separator === ",") frame.index++;
      },
    },
    { disallowComments: true },
  );
}

/**
 * Parse JSON text. Syntax errors and nesting deeper than `maxDepth` come back as a message and a
 * position instead of an exception.
 */
export function parseJsonDocument(text: string, maxDepth: number): JsonParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return describeSyntaxError(text, maxDepth);
  }
  if (depthOf(value) > maxDepth) return tooDeep(text, maxDepth);
  return { ok: true, document: new JsonDocument(text, value) };
}

/**
 * Nesting depth of a parsed value, walked iteratively with two parallel stacks (no per-node
 * allocation: this visits every object and array of plans with 100,000 achievements).
 */
function depthOf(value: unknown): number {
  let deepest = 0;
  const nodes: object[] = [];
  const depths: number[] = [];
  if (value !== null && typeof value === "object") {
    nodes.push(value);
    depths.push(1);
  }
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > deepest) deepest = depth;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (child !== null && typeof child === "object") {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in node) {
        const child = node[key];
        if (child !== null && typeof child === "object") {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return deepest;
}

// jsonc-parser's SyntaxKind is an ambient const enum, which isolated modules cannot read.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** Where nesting first goes deeper than allowed (null if never), found with the iterative scanner. */
function findTooDeep(text: string, maxDepth: number): Position | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (++depth > maxDepth) return new LineIndex(text).position(scanner.getTokenOffset());
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth--;
    }
  }
  return null;
}

function tooDeep(text: string, maxDepth: number): JsonParseResult {
  const position = findTooDeep(text, maxDepth) ?? { line: 1, column: 1 };
  return {
    ok: false,
    kind: "depth",
    message: `nesting is deeper than ${maxDepth} levels`,
    position,
  };
}

function describeSyntaxError(text: string, maxDepth: number): JsonParseResult {
  if (text.trim() === "") {
    return {
      ok: false,
      kind: "syntax",
      message: "file is empty",
      position: { line: 1, column: 1 },
    };
  }
  // jsonc-parser's parser recurses per nesting level: bound the depth before asking it.
  const deepAt = findTooDeep(text, maxDepth);
  if (deepAt) {
    return {
      ok: false,
      kind: "syntax",
      message: `nesting is deeper than ${maxDepth} levels`,
      position: deepAt,
    };
  }
  const errors: ParseError[] = [];
  parseJsonc(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (!first) {
    return {
      ok: false,
      kind: "syntax",
      message: "not valid JSON",
      position: { line: 1, column: 1 },
    };
  }
  const atEnd = first.offset >= text.length;
  const what = describeParseError(printParseErrorCode(first.error));
  return {
    ok: false,
    kind: "syntax",
    message: atEnd ? `${what} (the file ends too early)` : what,
    position: new LineIndex(text).position(first.offset),
  };
}

/** "CommaExpected" → "comma expected". */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
