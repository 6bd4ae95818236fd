/**
 * The inline content of a paragraph or heading written in the plain subset (text, emphasis with
 * `*` and `_`, code spans, hard breaks; no links, HTML, escapes or entities), turned into the
 * mdast nodes remark would make, positions included where the PLAN reader reads them.
 * Emphasis follows CommonMark's delimiter rules as micromark applies them (flanking by the class
 * of the UTF-16 unit on each side, the rule of three, innermost match first).
 */
import type { InlineCode, PhrasingContent } from "mdast";
import type { Point, Position } from "unist";

/** One line of inline content: its text (prefix removed) and where that text starts. */
export interface InlineLine {
  text: string;
  /** Offset of `text[0]` in the piece. */
  offset: number;
  /** 1-based line number of the line in the piece. */
  line: number;
  /** 1-based column of `text[0]`. */
  column: number;
}

/** Returned when a line uses a construct outside the subset. */
export const OUTSIDE = null;

/**
 * Matching emphasis and code spans is quadratic in the delimiter and backtick runs of a paragraph;
 * past this many, remark reads the piece within the PLAN reader's cost budget.
 */
const MAX_DELIMITER_RUNS = 256;
const WHITESPACE = 1;
const PUNCTUATION = 2;
const PUNCTUATION_RE = /\p{P}|\p{S}/u;
const WHITESPACE_RE = /\s/;

/** micromark's classifyCharacter, on a UTF-16 unit (undefined: start or end, as whitespace). */
function classify(unit: string | undefined): number {
  if (unit === undefined || unit === "\n" || unit === " " || WHITESPACE_RE.test(unit)) {
    return WHITESPACE;
  }
  return PUNCTUATION_RE.test(unit) ? PUNCTUATION : 0;
}

interface Piece {
  kind: "text" | "delim" | "code" | "break" | "node";
  /** Index range in the joined text. */
  from: number;
  to: number;
  node?: PhrasingContent;
  /** Delimiters: the marker, how many are left, whether they can open or close. */
  marker?: string;
  open?: boolean;
  close?: boolean;
}

/**
 * The phrasing content of `lines` (the lines of one paragraph, or a heading's one line), or
 * OUTSIDE when a code span runs over a line end (remark's positions there are not worth
 * reproducing).
 */
export function plainInline(lines: readonly InlineLine[]): PhrasingContent[] | null {
  // The joined text ("\n" between lines, trailing spaces removed), and where each line's part
  // of it starts (a point per line, not per unit: this runs cold on every CLI start).
  let text = "";
  const hardBreakAfter = new Set<number>();
  const segments: { from: number; line: InlineLine }[] = [];
  lines.forEach((line, index) => {
    const trimmed = line.text.slice(0, trimmedLength(line.text));
    if (index < lines.length - 1 && line.text.length - trimmed.length >= 2) {
      hardBreakAfter.add(text.length + trimmed.length);
    }
    segments.push({ from: text.length, line });
    text += index < lines.length - 1 ? `${trimmed}\n` : trimmed;
  });
  const point = (index: number): Point => {
    let k = segments.length - 1;
    while (k > 0 && (segments[k]?.from ?? 0) > index) k--;
    const segment = segments[k];
    const delta = index - (segment?.from ?? 0);
    return {
      line: segment?.line.line ?? 1,
      column: (segment?.line.column ?? 1) + delta,
      offset: (segment?.line.offset ?? 0) + delta,
    };
  };
  const position = (from: number, to: number): Position => ({ start: point(from), end: point(to) });

  const pieces: Piece[] = [];
  let plainFrom = 0;
  const flushText = (to: number) => {
    if (to > plainFrom) pieces.push({ kind: "text", from: plainFrom, to });
  };
  let delimiterRuns = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // Most units are none of the four this loop stops at.
    if (code !== 96 && code !== 42 && code !== 95 && code !== 10) {
      i++;
      continue;
    }
    const unit = text[i] ?? "";
    if (unit === "`") {
      let run = i;
      while (text[run] === "`") run++;
      const size = run - i;
      const close = findBackticks(text, run, size);
      if (close === -1) {
        // Each unmatched run scanned the rest of the paragraph.
        if (++delimiterRuns > MAX_DELIMITER_RUNS) return OUTSIDE;
        i = run;
        continue;
      }
      if (text.slice(i, close).includes("\n")) return OUTSIDE;
      flushText(i);
      const code: InlineCode = {
        type: "inlineCode",
        value: codeValue(text.slice(run, close)),
        position: position(i, close + size),
      };
      pieces.push({ kind: "node", from: i, to: close + size, node: code });
      i = close + size;
      plainFrom = i;
      continue;
    }
    if (unit === "*" || unit === "_") {
      if (++delimiterRuns > MAX_DELIMITER_RUNS) return OUTSIDE;
      let run = i;
      while (text[run] === unit) run++;
      flushText(i);
      const before = classify(i === 0 ? undefined : text[i - 1]);
      const after = classify(run >= text.length ? undefined : text[run]);
      const open = after === 0 || (after === PUNCTUATION && before !== 0);
      const close = before === 0 || (before === PUNCTUATION && after !== 0);
      pieces.push({
        kind: "delim",
        from: i,
        to: run,
        marker: unit,
        open: unit === "*" ? open : open && (before !== 0 || !close),
        close: unit === "*" ? close : close && (after !== 0 || !open),
      });
      i = run;
      plainFrom = i;
      continue;
    }
    if (unit === "\n" && hardBreakAfter.has(i)) {
      flushText(i);
      pieces.push({ kind: "break", from: i, to: i + 1 });
      i++;
      plainFrom = i;
      continue;
    }
    i++;
  }
  flushText(text.length);

  return build(resolveEmphasis(pieces), text, position);
}

/** Length of `text` without its trailing spaces. */
function trimmedLength(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end;
}

/** Index of the next run of exactly `size` backticks from `from`, or -1. */
function findBackticks(text: string, from: number, size: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== "`") {
      i++;
      continue;
    }
    let run = i;
    while (text[run] === "`") run++;
    if (run - i === size) return i;
    i = run;
  }
  return -1;
}

/** A code span's value: line ends as spaces, one space stripped from each side when padded. */
function codeValue(raw: string): string {
  const value = raw.replace(/\n/g, " ");
  if (value.length > 2 && value.startsWith(" ") && value.endsWith(" ") && value.trim() !== "") {
    return value.slice(1, -1);
  }
  return value;
}

type Tree =
  | { kind: "piece"; piece: Piece }
  | { kind: "group"; strong: boolean; from: number; to: number; children: Tree[] };

/**
 * Matches closers with openers, innermost first, as micromark's resolver does: for each closer
 * in order, the nearest opener before it with the same marker that the rule of three allows.
 */
function resolveEmphasis(pieces: Piece[]): Tree[] {
  let items: Tree[] = pieces.map((piece) => ({ kind: "piece", piece }));
  for (let c = 0; c < items.length; c++) {
    const closer = items[c];
    if (closer?.kind !== "piece" || closer.piece.kind !== "delim" || !closer.piece.close) continue;
    let matched = true;
    while (matched) {
      matched = false;
      const cp = closer.piece;
      const closeSize = cp.to - cp.from;
      if (closeSize === 0) break;
      for (let o = c - 1; o >= 0; o--) {
        const opener = items[o];
        if (opener?.kind !== "piece" || opener.piece.kind !== "delim") continue;
        const op = opener.piece;
        const openSize = op.to - op.from;
        if (!op.open || openSize === 0 || op.marker !== cp.marker) continue;
        if ((op.close || cp.open) && closeSize % 3 !== 0 && (openSize + closeSize) % 3 === 0) {
          continue;
        }
        const use = openSize > 1 && closeSize > 1 ? 2 : 1;
        const group: Tree = {
          kind: "group",
          strong: use === 2,
          from: op.to - use,
          to: cp.from + use,
          children: items.slice(o + 1, c).map(unmatchedToText),
        };
        op.to -= use;
        cp.from += use;
        items = [...items.slice(0, o + 1), group, ...items.slice(c)];
        c = o + 2;
        matched = true;
        break;
      }
    }
  }
  return items;
}

/** Delimiters left inside a match are text. */
function unmatchedToText(tree: Tree): Tree {
  if (tree.kind === "piece" && tree.piece.kind === "delim") {
    const { from, to, marker, open, close } = tree.piece;
    return { kind: "piece", piece: { kind: "text", from, to, marker, open, close } };
  }
  return tree;
}

/** The mdast nodes: adjacent text merged, empty delimiters dropped. */
function build(
  items: Tree[],
  text: string,
  position: (from: number, to: number) => Position,
): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let pending = "";
  const flush = () => {
    if (pending !== "") out.push({ type: "text", value: pending });
    pending = "";
  };
  for (const item of items) {
    if (item.kind === "group") {
      flush();
      const children = build(item.children, text, position);
      out.push(
        item.strong
          ? { type: "strong", children, position: position(item.from, item.to) }
          : { type: "emphasis", children, position: position(item.from, item.to) },
      );
      continue;
    }
    const { piece } = item;
    if (piece.kind === "text" || piece.kind === "delim")
      pending += text.slice(piece.from, piece.to);
    else if (piece.kind === "break") {
      flush();
      out.push({ type: "break" });
    } else if (piece.node) {
      flush();
      out.push(piece.node);
    }
  }
  flush();
  return out;
}
