/**
 * CommonMark's block structure of a comment, line by line in one pass (the spec's own
 * algorithm: match the open containers, close what did not match unless the line is a lazy
 * paragraph continuation, open new containers, then the leaf block). It reports the paragraphs
 * and setext headings that sit at the top level, not inside a quote or list item: the only
 * places a command may be typed. Link reference definitions read as paragraphs, a tab counts as
 * reaching the next multiple of four columns, and nesting stops at MAX_CONTAINERS.
 */

/** A top-level paragraph: its lines as typed, from the first to the last. */
export interface TopParagraph {
  lines: string[];
}

type Container = { kind: "quote" } | { kind: "item"; indent: number; empty: boolean };

type Leaf =
  | { kind: "none" }
  | { kind: "paragraph"; top: TopParagraph | null }
  | { kind: "fence"; char: string; length: number }
  | { kind: "code" }
  | { kind: "html"; end: string | null };

/** Quotes and list items open at once, at most (each costs a look at every later line). */
const MAX_CONTAINERS = 100;

const BLOCK_TAGS = new Set(
  (
    "address article aside base basefont blockquote body caption center col colgroup dd details " +
    "dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 " +
    "head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option " +
    "p param search section summary table tbody td tfoot th thead title tr track ul"
  ).split(" "),
);
const RAW_TAG_RE = /^<(script|pre|style|textarea)(?:[ \t>]|$)/i;
const RAW_END_RE = /<\/(?:script|pre|style|textarea)>/i;
const BLOCK_TAG_RE = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:[ \t]|\/?>|$)/;
const LONE_TAG_RE =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^"'=<>`\s]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;
const ATX_RE = /^#{1,6}(?:[ \t]|$)/;
const SETEXT_RE = /^(?:=+|-+)[ \t]*$/;
const FENCE_RE = /^(`{3,}|~{3,})/;
const BULLET_RE = /^[-+*]/;
const ORDERED_RE = /^(\d{1,9})[.)]/;

/** A line being consumed: what is left of it, and the column reached (for tabs). */
class Cursor {
  pos = 0;
  col = 0;

  constructor(readonly line: string) {}

  /** Columns of spaces and tabs ahead, without consuming them. */
  indent(): number {
    let col = this.col;
    for (let i = this.pos; i < this.line.length; i++) {
      const c = this.line[i];
      if (c === " ") col++;
      else if (c === "\t") col += 4 - (col % 4);
      else break;
    }
    return col - this.col;
  }

  /** Consumes up to `columns` columns of spaces and tabs (a tab overshooting is consumed). */
  skip(columns: number): void {
    const target = this.col + columns;
    while (this.col < target && this.pos < this.line.length) {
      const c = this.line[this.pos];
      if (c === " ") this.col++;
      else if (c === "\t") this.col += 4 - (this.col % 4);
      else break;
      this.pos++;
    }
  }

  /** Consumes `count` characters that are not spaces (markers). */
  take(count: number): void {
    this.pos += count;
    this.col += count;
  }

  /** What is left after the indentation (computed once per position). */
  rest(): string {
    if (this.restAt !== this.pos) {
      let i = this.pos;
      while (i < this.line.length && (this.line[i] === " " || this.line[i] === "\t")) i++;
      this.restText = this.line.slice(i);
      this.restAt = this.pos;
    }
    return this.restText;
  }

  blank(): boolean {
    return this.rest() === "";
  }

  private restAt = -1;
  private restText = "";
}

/** The top-level paragraphs and setext headings of `body`, in order. */
export function topParagraphs(body: string): TopParagraph[] {
  const found: TopParagraph[] = [];
  let stack: Container[] = [];
  let leaf: Leaf = { kind: "none" };
  for (const line of body.split(/\r\n|\r|\n/)) {
    const cursor = new Cursor(line);
    let matched = 0;
    for (const container of stack) {
      if (!matchContainer(container, cursor)) break;
      matched++;
    }
    const allMatched = matched === stack.length;

    if (allMatched && continueRawLeaf(leaf, cursor)) {
      if (leaf.kind !== "code" && rawLeafEnds(leaf, cursor)) leaf = { kind: "none" };
      continue;
    }
    // remark (micromark) reads the line right after indented code as if it interrupted a
    // paragraph: a list item there needs content and to start at 1. Kept, to find what it finds.
    let afterCode = false;
    if (allMatched && leaf.kind === "code" && !cursor.blank() && cursor.indent() < 4) {
      leaf = { kind: "none" };
      afterCode = true;
    }
    if (!allMatched && leaf.kind === "paragraph" && isLazyContinuation(cursor)) continue;
    if (!allMatched) {
      stack = stack.slice(0, matched);
      leaf = { kind: "none" };
    }

    // New containers, each closing the leaf that was open. Past MAX_CONTAINERS the rest of the
    // line is text of the deepest one: nobody nests that deep, and it bounds the work per line.
    while (stack.length < MAX_CONTAINERS) {
      const indent = cursor.indent();
      if (indent >= 4) break;
      const rest = cursor.rest();
      if (rest.startsWith(">")) {
        cursor.skip(indent);
        cursor.take(1);
        if (cursor.line[cursor.pos] === " " || cursor.line[cursor.pos] === "\t") cursor.skip(1);
        stack.push({ kind: "quote" });
        leaf = { kind: "none" };
        afterCode = false;
        continue;
      }
      const paragraphOpen = leaf.kind === "paragraph";
      if (paragraphOpen && SETEXT_RE.test(rest)) break;
      if (isThematicBreak(rest)) break;
      const item = listMarker(rest, paragraphOpen || afterCode);
      if (!item) break;
      cursor.skip(indent);
      cursor.take(item.width);
      const after = cursor.indent();
      const blankAfter = cursor.blank();
      const spaces = blankAfter || after >= 5 ? 1 : after;
      if (!blankAfter) cursor.skip(spaces);
      stack.push({ kind: "item", indent: indent + item.width + spaces, empty: blankAfter });
      leaf = { kind: "none" };
      afterCode = false;
    }
    const top = stack[stack.length - 1];
    if (top?.kind === "item" && !cursor.blank()) top.empty = false;
    leaf = leafOf(leaf, cursor, stack.length === 0, found);
  }
  return found;
}

/** Whether the line continues `container`, consuming its prefix when it does. */
function matchContainer(container: Container, cursor: Cursor): boolean {
  if (container.kind === "quote") {
    const indent = cursor.indent();
    if (indent >= 4 || !cursor.rest().startsWith(">")) return false;
    cursor.skip(indent);
    cursor.take(1);
    if (cursor.line[cursor.pos] === " " || cursor.line[cursor.pos] === "\t") cursor.skip(1);
    return true;
  }
  // An item that began with a blank line ends at a second blank line.
  if (cursor.blank()) return !container.empty;
  if (cursor.indent() < container.indent) return false;
  cursor.skip(container.indent);
  return true;
}

/** Fenced code, HTML and indented code take the line as it is, when the line continues them. */
function continueRawLeaf(leaf: Leaf, cursor: Cursor): boolean {
  if (leaf.kind === "fence") return true;
  if (leaf.kind === "html") return !(leaf.end === null && cursor.blank());
  if (leaf.kind === "code") return cursor.blank() || cursor.indent() >= 4;
  return false;
}

/** Whether this line ends the raw leaf (a closing fence, the HTML block's end marker). */
function rawLeafEnds(leaf: Leaf, cursor: Cursor): boolean {
  if (leaf.kind === "fence") {
    if (cursor.indent() >= 4) return false;
    const rest = cursor.rest();
    const run = FENCE_RE.exec(rest)?.[1];
    return (
      run !== undefined &&
      run[0] === leaf.char &&
      run.length >= leaf.length &&
      /^[ \t]*$/.test(rest.slice(run.length))
    );
  }
  if (leaf.kind === "html" && leaf.end !== null) return endsHtml(leaf.end, cursor.line);
  return false;
}

function endsHtml(end: string, line: string): boolean {
  return end === "raw" ? RAW_END_RE.test(line) : line.includes(end);
}

/** A line that would not start a block, so it continues a paragraph inside a container. */
function isLazyContinuation(cursor: Cursor): boolean {
  if (cursor.blank()) return false;
  if (cursor.indent() >= 4) return true;
  const rest = cursor.rest();
  if (rest.startsWith(">") || isThematicBreak(rest) || ATX_RE.test(rest)) return false;
  if (FENCE_RE.test(rest) || htmlStart(rest, true) !== undefined) return false;
  return listMarker(rest, true) === null;
}

/** The leaf block the rest of the line belongs to, after its containers. */
function leafOf(leaf: Leaf, cursor: Cursor, topLevel: boolean, found: TopParagraph[]): Leaf {
  if (cursor.blank()) return { kind: "none" };
  const indent = cursor.indent();
  const rest = cursor.rest();
  if (leaf.kind === "paragraph") {
    if (indent < 4 && SETEXT_RE.test(rest)) return { kind: "none" };
    if (indent >= 4 || !interruptsParagraph(rest)) {
      leaf.top?.lines.push(cursor.line);
      return leaf;
    }
  }
  if (indent >= 4) return { kind: "code" };
  const fence = FENCE_RE.exec(rest)?.[1];
  if (fence && !(fence[0] === "`" && rest.slice(fence.length).includes("`"))) {
    return { kind: "fence", char: fence[0] as string, length: fence.length };
  }
  if (ATX_RE.test(rest) || isThematicBreak(rest)) return { kind: "none" };
  const html = htmlStart(rest, false);
  if (html !== undefined) {
    return html !== null && endsHtml(html, rest.slice(1))
      ? { kind: "none" }
      : { kind: "html", end: html };
  }
  const top = topLevel ? { lines: [cursor.line] } : null;
  if (top) found.push(top);
  return { kind: "paragraph", top };
}

function interruptsParagraph(rest: string): boolean {
  return (
    isThematicBreak(rest) ||
    ATX_RE.test(rest) ||
    FENCE_RE.test(rest) ||
    htmlStart(rest, true) !== undefined
  );
}

/** `* * *`, `---`, `___`: three or more of one of `-*_`, spaces allowed between. */
function isThematicBreak(rest: string): boolean {
  const char = rest[0];
  if (char !== "-" && char !== "*" && char !== "_") return false;
  let count = 0;
  for (const c of rest) {
    if (c === char) count++;
    else if (c !== " " && c !== "\t") return false;
  }
  return count >= 3;
}

/**
 * A list marker at the start of `rest`, or null. Interrupting a paragraph, an item must have
 * content and an ordered one must start at 1.
 */
function listMarker(rest: string, interrupting: boolean): { width: number } | null {
  const ordered = ORDERED_RE.exec(rest);
  const width = ordered ? (ordered[1]?.length ?? 0) + 1 : BULLET_RE.test(rest) ? 1 : 0;
  if (width === 0) return null;
  const after = rest[width];
  if (after !== undefined && after !== " " && after !== "\t") return null;
  if (interrupting) {
    if (/^[ \t]*$/.test(rest.slice(width))) return null;
    if (ordered && ordered[1] !== "1") return null;
  }
  return { width };
}

/**
 * The end marker of an HTML block starting `rest` (`null`: it ends at a blank line; `"raw"`: at
 * a closing script/pre/style/textarea tag), or undefined when no HTML block starts. The seventh
 * kind (any lone tag) cannot interrupt a paragraph.
 */
function htmlStart(rest: string, interrupting: boolean): string | null | undefined {
  if (!rest.startsWith("<")) return undefined;
  if (RAW_TAG_RE.test(rest)) return "raw";
  if (rest.startsWith("<!--")) return "-->";
  if (rest.startsWith("<?")) return "?>";
  if (rest.startsWith("<![CDATA[")) return "]]>";
  if (/^<![A-Za-z]/.test(rest)) return ">";
  const tag = BLOCK_TAG_RE.exec(rest)?.[1];
  if (tag !== undefined && BLOCK_TAGS.has(tag.toLowerCase())) return null;
  if (!interrupting && LONE_TAG_RE.test(rest)) return null;
  return undefined;
}
