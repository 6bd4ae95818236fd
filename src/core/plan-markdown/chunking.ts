/**
 * Cutting a PLAN text into pieces remark parses one at a time, and the nesting limit on hostile
 * input.
 *
 * micromark copies its whole event list each time it closes a list or block quote, so a document
 * with thousands of lists parses in quadratic time (10,000 achievements: about a minute). Parsing
 * the text in pieces, cut only where the whole-text parse would also start a new top-level block,
 * keeps it linear; small documents are one piece.
 * Deep nesting costs remark time quadratic in the depth of each line, so lines nested past
 * FREE_PREFIX characters draw on DEPTH_BUDGET; past it, the rest of that piece is not parsed.
 */
import { BlockTracker } from "./block-tracker.js";
import { isBlank } from "./lines.js";

const SOFT_CHUNK_LINES = 100;
/** Past this, also cut before an indented line after a blank line (hostile documents only). */
const HARD_CHUNK_LINES = 400;
/**
 * Past this many lines, cut at the next line wherever it is (outside code and HTML blocks, which remark
 * reads in linear time): remark is quadratic in the lines of one paragraph or list item, and only
 * a hostile document writes thousands of lines without a block start. Such a cut may split a
 * paragraph in two, which changes nothing a PLAN reader looks at but the line's own text.
 */
const FORCED_CHUNK_LINES = 100;
const FREE_PREFIX = 32;
const DEPTH_BUDGET = 16_000_000;
const PREFIX_CHARS = new Set([..." \t>-*+.)0123456789"]);
/** Lines that always start a new paragraph: a bullet or `1.` item, an ATX heading. */
const PARAGRAPH_START_RE = /^ {0,3}(?:[-+*]|1[.)])[ \t]+\S|^ {0,3}#{1,6}(?:[ \t]|$)/;

/** A piece of the text, parsed on its own. */
export interface Chunk {
  start: number;
  end: number;
  /** 1-based line of the chunk's first character. */
  line: number;
  /** Sum over its paragraphs (roughly) of the square of their number of `*`, `_` and `[`. */
  inlineCost: number;
}

/** The pieces to parse, in order; text dropped for its nesting is in none of them. */
export function splitIntoChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const blocks = new BlockTracker();
  let chunk: Chunk | null = { start: 0, end: text.length, line: 1, inlineCost: 0 };
  let chunkLines = 0;
  let depthCost = 0;
  let delimiters = 0;
  let line = 1;
  let prevBlank = false;
  let pos = 0;
  const endParagraph = () => {
    if (chunk) chunk.inlineCost += delimiters * delimiters;
    delimiters = 0;
  };
  const cut = (end: number) => {
    endParagraph();
    // Written out, not spread (see core/held-shapes.ts).
    if (chunk && end > chunk.start) {
      chunks.push({ start: chunk.start, end, line: chunk.line, inlineCost: chunk.inlineCost });
    }
  };
  while (pos < text.length) {
    let end = pos;
    let lineDelimiters = 0;
    for (let code = text.charCodeAt(end); end < text.length; code = text.charCodeAt(++end)) {
      if (code === 10 || code === 13) break;
      // `[` weighs more: an unclosed link costs remark more than an unmatched `*`; so do a
      // backtick or `<`, each of which may send remark looking to the end of the paragraph.
      if (code === 42 || code === 95) lineDelimiters++;
      else if (code === 91 || code === 96 || code === 60) lineDelimiters += 3;
    }
    const lineText = text.slice(pos, end);
    const blank = isBlank(lineText);
    const due = chunk === null || chunkLines >= SOFT_CHUNK_LINES;
    const hard = chunk === null || chunkLines >= HARD_CHUNK_LINES;
    const forced = chunkLines >= FORCED_CHUNK_LINES && !blocks.insideRawBlock();
    if (!blank && due && (forced || blocks.startsTopLevelBlock(lineText, prevBlank, hard))) {
      cut(pos);
      chunk = { start: pos, end: text.length, line, inlineCost: 0 };
      chunkLines = 0;
    }
    const raw = blocks.insideRawBlock();
    const width = chunk && !blank && !raw ? prefixWidth(lineText) : 0;
    if (width > FREE_PREFIX) depthCost += width * width;
    if (width > FREE_PREFIX && depthCost > DEPTH_BUDGET) {
      cut(pos);
      chunk = null;
    }
    if (blank || (!raw && PARAGRAPH_START_RE.test(lineText))) endParagraph();
    if (!raw) delimiters += lineDelimiters;
    blocks.advance(lineText, blank);
    prevBlank = blank;
    chunkLines++;
    line++;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  cut(text.length);
  return chunks;
}

/** Width of the line's container prefix: indentation, `>`, list markers. */
function prefixWidth(line: string): number {
  let width = 0;
  while (width < line.length && width < 4096 && PREFIX_CHARS.has(line[width] ?? "")) width++;
  return width;
}
