/**
 * Line-by-line block state for the chunker: just enough of CommonMark to tell where a new
 * top-level block starts, so the text can be cut there without changing how it parses.
 */
import { holdShape } from "../held-shapes.js";

const FENCE_OPEN_RE = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE_RE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const ATX_RE = /^#{1,6}(?:[ \t]|$)/;
/**
 * A list item that may interrupt a paragraph (a bullet, or `1.`, with content): at column 0 it
 * is a new item of a top-level list whatever came before, so a long list (the Achievement Index)
 * can be cut between items.
 */
const LIST_ITEM_RE = /^(?:[-+*]|1[.)])[ \t]+\S/;
const HTML_OPEN_RE = /^ {0,3}</;
const HTML_RAW_RE = /^(script|pre|style|textarea)(?:[\s>]|$)/i;

/**
 * Just enough block state to know where a cut is safe: inside a fenced code block or an HTML
 * block that ends on a marker, a line starting with `#` is not a heading. Errs on the side of
 * "still inside", which only means fewer cuts.
 */
export class BlockTracker {
  private fence: { char: string; length: number } | null = null;
  /** End marker of an open HTML block (CommonMark kinds 1–5). */
  private htmlEnd: string | null = null;
  /** An HTML block that ends at the next blank line may be open. */
  private looseHtml = false;

  /** Inside a fenced code block or a marker-ended HTML block: the line is not markdown. */
  insideRawBlock(): boolean {
    return this.fence !== null || this.htmlEnd !== null;
  }

  /**
   * Whether `line` starts a new top-level block, so the text may be cut before it. With `hard`,
   * an indented line after a blank line counts too (a cut only hostile documents need).
   */
  startsTopLevelBlock(line: string, prevBlank: boolean, hard: boolean): boolean {
    if (this.insideRawBlock()) return false;
    const first = line.charCodeAt(0);
    const column0 = first !== 32 && first !== 9;
    // After a blank line, an unindented line closes every open container.
    if (prevBlank) return column0 || (hard && /^ {1,3}\S/.test(line));
    if (this.looseHtml || !column0) return false;
    // These interrupt a paragraph and cannot continue a container lazily.
    return ATX_RE.test(line) || FENCE_OPEN_RE.test(line) || LIST_ITEM_RE.test(line);
  }

  /** Moves the state past `line`. */
  advance(line: string, blank: boolean): void {
    if (this.fence) {
      const close = FENCE_CLOSE_RE.exec(line)?.[1];
      if (close && close[0] === this.fence.char && close.length >= this.fence.length) {
        this.fence = null;
      }
      return;
    }
    if (this.htmlEnd !== null) {
      if (line.toLowerCase().includes(this.htmlEnd)) this.htmlEnd = null;
      return;
    }
    if (blank) {
      this.looseHtml = false;
      return;
    }
    const open = FENCE_OPEN_RE.exec(line);
    if (open?.[1]) {
      const char = open[1][0] ?? "`";
      if (char !== "`" || !line.slice(open[0].length).includes("`")) {
        this.fence = { char, length: open[1].length };
      }
      return;
    }
    const html = HTML_OPEN_RE.exec(line);
    if (html) this.openHtml(line.slice(html[0].length));
  }

  /** `rest` follows the `<` that starts the line. */
  private openHtml(rest: string): void {
    let end: string | null = null;
    let after = "";
    const raw = HTML_RAW_RE.exec(rest);
    if (rest.startsWith("!--")) [end, after] = ["-->", rest.slice(3)];
    else if (rest.startsWith("?")) [end, after] = ["?>", rest.slice(1)];
    else if (rest.startsWith("![CDATA[")) [end, after] = ["]]>", rest.slice(8)];
    else if (/^![A-Za-z]/.test(rest)) [end, after] = [">", rest.slice(2)];
    else if (raw?.[1]) [end, after] = [`</${raw[1].toLowerCase()}>`, rest.slice(raw[1].length)];
    else if (/^\/?[A-Za-z]/.test(rest)) this.looseHtml = true;
    if (end !== null && !after.toLowerCase().includes(end)) this.htmlEnd = end;
  }
}

holdShape(new BlockTracker());
