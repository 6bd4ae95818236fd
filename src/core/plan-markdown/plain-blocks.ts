/**
 * A piece written in the plain subset of markdown most PLANs keep to (ATX headings, paragraphs,
 * `---` rules, bullet and ordered lists, inline emphasis and code spans), read line by line into
 * the same mdast tree remark makes, without micromark: a cold micromark parse costs more than the
 * rest of a CLI run. Anything outside the subset (block quotes, code blocks, HTML, links, tabs,
 * escapes, entities, setext headings, lines whose reading depends on finer rules) makes the
 * piece OUTSIDE, and remark parses it. A test checks the trees against remark's.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent, ThematicBreak } from "mdast";
import type { Point } from "unist";
import { plainInline, type InlineLine } from "./plain-inline.js";

/** Units that belong to constructs outside the subset, wherever they appear. */
const OUTSIDE_UNITS_RE = /[\t\\<[\]\r\f\v]|&[#A-Za-z]|^ *(?:>|```|~~~|=+ *$)/m;
const HEADING_RE = /^(#{1,6})(?: +(.*?))? *$/;
const RULE_RE = /^-{3,} *$/;
/** A setext underline, when it follows paragraph text. */
const UNDERLINE_RE = /^(?:-+|=+) *$/;
/** Lines that would be a rule or a setext underline in some reading: left to remark. */
const OTHER_RULE_RE = /^(?:[-*_] *){3,}$|^=+ *$/;
const ITEM_RE = /^(?:([-*+])|(\d{1,9})([.)]))( +)(.*)$/;
/** Item content that itself starts a block (`- # x`, `- - x`, `1. 2. x`): left to remark. */
const BLOCK_START_RE =
  /^(?:#{1,6}(?: |$)|[-*+](?: |$)|\d{1,9}[.)](?: |$)|>|```|~~~|(?:[-*_] *){3,}$)/;
/** A list marker with nothing after it: an empty item, read by finer rules. */
const EMPTY_ITEM_RE = /^(?:[-*+]|\d{1,9}[.)]) *$/;

interface OpenItem {
  node: ListItem;
  list: List;
  /** "-", "*", "+", "." or ")". */
  kind: string;
  /** 0-based column where its content starts. */
  contentColumn: number;
}

interface OpenParagraph {
  lines: InlineLine[];
  /** The children array that receives it, and its item (null at the root). */
  parent: RootContent[];
  /** Number of open items around it when it started. */
  depth: number;
}

/** The tree of `text` (one piece), or null when it uses anything outside the subset. */
export function parsePlainBlocks(text: string): Root | null {
  // micromark reads NUL as U+FFFD.
  if (OUTSIDE_UNITS_RE.test(text) || text.includes("\0")) return null;
  const root: Root = { type: "root", children: [] };
  const items: OpenItem[] = [];
  let paragraph: OpenParagraph | null = null;
  let outside = false;

  const childrenAt = (depth: number): RootContent[] =>
    depth === 0 ? root.children : (items[depth - 1]?.node.children as RootContent[]);
  const closeParagraph = () => {
    if (!paragraph) return;
    const node = paragraphNode(paragraph.lines);
    if (node === null) outside = true;
    else paragraph.parent.push(node);
    paragraph = null;
  };
  const closeItems = (depth: number) => {
    while (items.length > depth) {
      const item = items.pop();
      if (item) finishItem(item);
    }
  };

  let offset = 0;
  let lineNumber = 0;
  for (const raw of text.split("\n")) {
    lineNumber++;
    const lineOffset = offset;
    offset += raw.length + 1;
    if (outside) return null;
    const indent = raw.length - raw.trimStart().length;
    const rest = raw.slice(indent);
    if (rest === "") {
      closeParagraph();
      continue;
    }
    let matched = 0;
    while (matched < items.length && indent >= (items[matched]?.contentColumn ?? 0)) matched++;
    const base = matched === 0 ? 0 : (items[matched - 1]?.contentColumn ?? 0);
    const relative = indent - base;
    const open = paragraph as OpenParagraph | null;
    const at = (column: number): InlineLine => {
      const tail = raw.slice(column);
      const text = tail.trimStart();
      const skipped = tail.length - text.length;
      return {
        text,
        offset: lineOffset + column + skipped,
        line: lineNumber,
        column: column + 1 + skipped,
      };
    };

    if (relative >= 4) {
      // Indented code, unless it continues a paragraph.
      if (!open) return null;
      open.lines.push(at(indent));
      continue;
    }
    if (OTHER_RULE_RE.test(rest) && !RULE_RE.test(rest)) return null;
    if ((open && UNDERLINE_RE.test(rest)) || EMPTY_ITEM_RE.test(rest)) return null;
    const heading = HEADING_RE.exec(rest);
    const item = heading || RULE_RE.test(rest) ? null : ITEM_RE.exec(rest);
    if (heading) {
      const content = heading[2] ?? "";
      if (relative !== 0 || content === "" || content.endsWith("#")) return null;
      closeParagraph();
      closeItems(matched);
      const start = point(lineNumber, indent, lineOffset);
      const contentColumn =
        indent + (heading[1]?.length ?? 1) + rest.slice(heading[1]?.length).search(/\S/);
      const children = plainInline([
        {
          text: content,
          offset: lineOffset + contentColumn,
          line: lineNumber,
          column: contentColumn + 1,
        },
      ]);
      if (children === null) return null;
      const node: Heading = {
        type: "heading",
        depth: (heading[1]?.length ?? 1) as Heading["depth"],
        children,
        position: { start, end: point(lineNumber, indent + rest.length, lineOffset) },
      };
      childrenAt(matched).push(node);
      continue;
    }
    if (RULE_RE.test(rest)) {
      // After paragraph text it would underline a setext heading.
      if (open) return null;
      closeItems(matched);
      const node: ThematicBreak = {
        type: "thematicBreak",
        position: {
          start: point(lineNumber, indent, lineOffset),
          end: point(lineNumber, indent + rest.length, lineOffset),
        },
      };
      childrenAt(matched).push(node);
      continue;
    }
    if (item) {
      const [, bullet, number, delimiter, spaces = " ", content = ""] = item;
      // An ordered item other than 1. does not interrupt a paragraph of its own container; an
      // empty or widely spaced item, or one opening another block, reads by finer rules.
      if (content === "" || spaces.length > 4 || BLOCK_START_RE.test(content)) return null;
      const interrupts = open !== null && open.depth <= matched;
      if (number !== undefined && ((interrupts && number !== "1") || /^0./.test(number))) {
        return null;
      }
      const kind = bullet ?? delimiter ?? "-";
      closeParagraph();
      const sibling = items.length > matched && items[matched]?.kind === kind;
      const list = sibling ? (items[matched] as OpenItem).list : null;
      closeItems(matched);
      const markerWidth = (bullet ?? `${number}${delimiter}`).length;
      const contentColumn = indent + markerWidth + spaces.length;
      const node: ListItem = {
        type: "listItem",
        spread: false,
        checked: null,
        children: [],
        position: {
          start: point(lineNumber, indent, lineOffset),
          end: point(lineNumber, indent, lineOffset),
        },
      };
      let target = list;
      if (!target) {
        // Made with a position (finishItem sets the real one): a property added later would
        // give it a shape that lasts only while such a list is alive (core/held-shapes.ts).
        const listStart = point(lineNumber, indent, lineOffset);
        target = {
          type: "list",
          ordered: number !== undefined,
          start: number === undefined ? null : Number(number),
          spread: false,
          children: [],
          position: { start: listStart, end: listStart },
        };
        childrenAt(matched).push(target);
      }
      target.children.push(node);
      items.push({ node, list: target, kind, contentColumn });
      paragraph = {
        lines: [at(contentColumn)],
        parent: node.children as RootContent[],
        depth: items.length,
      };
      continue;
    }
    if (open) {
      // A continuation line, lazy or not: the paragraph and its containers stay open.
      open.lines.push(at(indent));
      continue;
    }
    closeItems(matched);
    paragraph = { lines: [at(indent)], parent: childrenAt(matched), depth: matched };
  }
  closeParagraph();
  closeItems(0);
  if (outside) return null;
  return root;
}

function point(line: number, column: number, lineOffset: number): Point {
  return { line, column: column + 1, offset: lineOffset + column };
}

function paragraphNode(lines: InlineLine[]): Paragraph | null {
  const children = plainInline(lines);
  if (children === null) return null;
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!first || !last) return null;
  const lastLength = last.text.length;
  return {
    type: "paragraph",
    children,
    position: {
      start: { line: first.line, column: first.column, offset: first.offset },
      end: { line: last.line, column: last.column + lastLength, offset: last.offset + lastLength },
    },
  };
}

/** An item ends where its last block ends; its list, where its last item ends. */
function finishItem(item: OpenItem): void {
  const last = item.node.children[item.node.children.length - 1];
  if (last?.position && item.node.position) item.node.position.end = copyPoint(last.position.end);
  const first = item.list.children[0]?.position;
  if (first && item.node.position) {
    item.list.position = { start: copyPoint(first.start), end: copyPoint(item.node.position.end) };
  }
}

/** Written out, not spread: a spread copy's shape lasts only while one is alive (core/held-shapes.ts). */
function copyPoint({ line, column, offset }: Point): Point {
  return { line, column, offset };
}
