/**
 * Walking a piece's syntax tree: its headings, paragraphs and thematic breaks in document order,
 * each with where it sits (list and quote nesting) and positions mapped back to the whole text.
 * The walk is iterative, so deep nesting cannot overflow the stack.
 */
import type { Heading, ListItem, Nodes, Paragraph, Root } from "mdast";
import type { Position } from "../types.js";
import type { Chunk } from "./chunking.js";
import { holdShape } from "../held-shapes.js";

/** Turns positions inside a chunk into positions in the whole text. */
export class Locator {
  constructor(private readonly chunk: Chunk) {}

  /** Offset in the whole text of the start (or end) of `node`. */
  offset(node: Nodes, at: "start" | "end" = "start"): number {
    return (node.position?.[at].offset ?? 0) + this.chunk.start;
  }

  /** Offset of the start of the line `node` starts on. */
  lineStart(node: Nodes): number {
    return this.offset(node) - ((node.position?.start.column ?? 1) - 1);
  }

  /** 1-based line and column in the whole text where `node` starts. */
  position(node: Nodes): Position {
    const start = node.position?.start;
    return { line: (start?.line ?? 1) + this.chunk.line - 1, column: start?.column ?? 1 };
  }
}

holdShape(new Locator({ start: 0, end: 0, line: 1, inlineCost: 0 }));

/** Where a block sits. */
export interface Place {
  at: Locator;
  /** Number of list items around the block. */
  depth: number;
  /** Number of block quotes around the block. */
  quotes: number;
  /** The list item whose first child the block is. */
  item: ListItem | null;
}

/** What the walk reports, in document order. */
export interface BlockVisitor {
  heading(node: Heading, place: Place): void;
  paragraph(node: Paragraph, place: Place): void;
  /** `offset` is the start of the rule's line. */
  thematicBreak(offset: number): void;
}

/** Feeds the headings, paragraphs and breaks of `root` to `visitor`, descending into containers. */
export function walk(root: Root, at: Locator, visitor: BlockVisitor): void {
  const stack: { node: Nodes; place: Place }[] = [];
  // Places are written out, not spread: a spread copy's shape lasts only while one is alive,
  // and the code optimised for it with it (core/held-shapes.ts).
  const pushChildren = (nodes: Nodes[], depth: number, quotes: number, item: ListItem | null) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      if (node) stack.push({ node, place: { at, depth, quotes, item: i === 0 ? item : null } });
    }
  };
  pushChildren(root.children, 0, 0, null);
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node, place } = frame;
    if (node.type === "heading") visitor.heading(node, place);
    else if (node.type === "paragraph") visitor.paragraph(node, place);
    else if (node.type === "thematicBreak") visitor.thematicBreak(at.lineStart(node));
    else if (node.type === "list") pushChildren(node.children, place.depth, place.quotes, null);
    else if (node.type === "listItem") {
      pushChildren(node.children, place.depth + 1, place.quotes, node);
    } else if (node.type === "blockquote") {
      pushChildren(node.children, place.depth, place.quotes + 1, null);
    }
  }
}
