/** Parsing one piece of the text with remark, within a budget for remark's inline matching. */
import type { Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Chunk } from "./chunking.js";
import { holdShape } from "../held-shapes.js";
import { parsePlainBlocks } from "./plain-blocks.js";
import { Locator, walk, type BlockVisitor } from "./tree-walk.js";

const processor = unified().use(remarkParse);
/** Without emphasis, links, code spans and inline HTML: for pieces those would cost too much. */
const plainProcessor = unified()
  .use(remarkParse)
  .data("micromarkExtensions", [
    {
      disable: {
        null: [
          "attention",
          "labelStartLink",
          "labelStartImage",
          "labelEnd",
          "codeText",
          "htmlText",
        ],
      },
    },
  ]);
const INLINE_BUDGET = 50_000_000;

/**
 * remark matches emphasis and links in time quadratic (or worse) in the number of `*`, `_` and
 * `[` in a paragraph: 20,000 `**a` take seconds, 80,000 `[a](` take a minute. Pieces draw their
 * cost on INLINE_BUDGET; past it, a piece is read without emphasis and links, so without its
 * bold entries and labels. A piece remark cannot parse is skipped.
 */
export class PieceParser {
  private inlineSpent = 0;

  constructor(private readonly source: string) {}

  /** Parses `chunk` of the source and feeds its blocks to `visitor` in document order. */
  read(chunk: Chunk, visitor: BlockVisitor): void {
    const plain = this.inlineSpent + chunk.inlineCost > INLINE_BUDGET;
    if (!plain) this.inlineSpent += chunk.inlineCost;
    const text = this.source.slice(chunk.start, chunk.end);
    // Most pieces keep to the plain subset, read without micromark (the same tree, faster cold).
    let root: Root | null = plain ? null : parsePlainBlocks(text);
    try {
      root ??= (plain ? plainProcessor : processor).parse(text);
    } catch {
      return;
    }
    walk(root, new Locator(chunk), visitor);
  }
}

holdShape(new PieceParser(""));
