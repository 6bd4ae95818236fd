/**
 * Where inline code and inline HTML sit in one paragraph (CommonMark's code spans, raw HTML
 * tags, comments, processing instructions, declarations and CDATA), read left to right in one
 * linear pass: a `/parallel` line starting inside one is not a command. Autolinks are skipped
 * (they are links, not HTML). Every forward search ("the next `-->`") is memoised, so an
 * unclosed opener repeated 30,000 times costs one scan, not 30,000.
 */

/** The next occurrence of `needle` at or after a position that only moves forward. */
class NextIndex {
  private found = -2;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  from(position: number): number {
    if (this.found === -1) return -1;
    if (this.found < position) this.found = this.text.indexOf(this.needle, position);
    return this.found;
  }
}

const TAG_NAME_RE = /[A-Za-z][A-Za-z0-9-]*/y;
const ATTRIBUTE_NAME_RE = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const UNQUOTED_VALUE_RE = /[^"'=<>`\s]+/y;
const AUTOLINK_RE =
  /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;

/** Reads the inline code and HTML of one paragraph text. */
export class InlineScanner {
  private readonly closers: Record<"comment" | "instruction" | "cdata" | "gt", NextIndex>;
  private readonly quotes: Record<"'" | '"', NextIndex>;
  /** Start offsets of the backtick runs of each length, and how far each list has been used. */
  private readonly runs = new Map<number, { starts: number[]; next: number }>();

  constructor(private readonly text: string) {
    this.closers = {
      comment: new NextIndex(text, "-->"),
      instruction: new NextIndex(text, "?>"),
      cdata: new NextIndex(text, "]]>"),
      gt: new NextIndex(text, ">"),
    };
    this.quotes = { "'": new NextIndex(text, "'"), '"': new NextIndex(text, '"') };
    for (let i = 0; i < text.length;) {
      if (text[i] !== "`") {
        i++;
        continue;
      }
      const start = i;
      while (text[i] === "`") i++;
      const list = this.runs.get(i - start) ?? { starts: [], next: 0 };
      list.starts.push(start);
      this.runs.set(i - start, list);
    }
  }

  /** `[from, to)` ranges of code spans and HTML, in order, disjoint. */
  inertRanges(): [number, number][] {
    const ranges: [number, number][] = [];
    const text = this.text;
    for (let i = 0; i < text.length;) {
      const c = text[i];
      if (c === "\\") {
        i += 2;
      } else if (c === "`") {
        let end = i;
        while (text[end] === "`") end++;
        const closer = this.closerOf(end - i, end);
        if (closer === -1) i = end;
        else {
          ranges.push([i, closer + (end - i)]);
          i = closer + (end - i);
        }
      } else if (c === "<") {
        const autolink = matchAt(AUTOLINK_RE, text, i);
        const html = autolink > 0 ? -1 : this.htmlEnd(i);
        if (autolink > 0) i += autolink;
        else if (html === -1) i++;
        else {
          ranges.push([i, html]);
          i = html;
        }
      } else {
        i++;
      }
    }
    return ranges;
  }

  /** Start of the next backtick run of exactly `length` at or after `from`, or -1. */
  private closerOf(length: number, from: number): number {
    const list = this.runs.get(length);
    if (!list) return -1;
    while (list.next < list.starts.length && (list.starts[list.next] ?? 0) < from) list.next++;
    return list.starts[list.next] ?? -1;
  }

  /** End (exclusive) of the raw HTML starting at `at` (a `<`), or -1 when none starts there. */
  private htmlEnd(at: number): number {
    const text = this.text;
    const rest = text.slice(at + 1, at + 9);
    if (rest.startsWith("!--")) {
      if (text.startsWith(">", at + 4)) return at + 5; // <!-->
      if (text.startsWith("->", at + 4)) return at + 6; // <!--->
      const close = this.closers.comment.from(at + 4);
      return close === -1 ? -1 : close + 3;
    }
    if (rest.startsWith("?")) {
      const close = this.closers.instruction.from(at + 2);
      return close === -1 ? -1 : close + 2;
    }
    if (rest.startsWith("![CDATA[")) {
      const close = this.closers.cdata.from(at + 9);
      return close === -1 ? -1 : close + 3;
    }
    if (/^![A-Za-z]/.test(rest)) {
      const close = this.closers.gt.from(at + 2);
      return close === -1 ? -1 : close + 1;
    }
    if (rest.startsWith("/")) {
      let i = at + 2;
      const name = matchAt(TAG_NAME_RE, text, i);
      if (name === 0) return -1;
      i = skipWhitespace(text, i + name);
      return text[i] === ">" ? i + 1 : -1;
    }
    return this.openTagEnd(at);
  }

  /** `<name attr="v" attr2=x attr3 />`, attributes and spaces across line breaks allowed. */
  private openTagEnd(at: number): number {
    const text = this.text;
    let i = at + 1;
    const name = matchAt(TAG_NAME_RE, text, i);
    if (name === 0) return -1;
    i += name;
    for (;;) {
      const spaced = skipWhitespace(text, i);
      if (text[spaced] === ">") return spaced + 1;
      if (text.startsWith("/>", spaced)) return spaced + 2;
      const attribute = spaced > i ? matchAt(ATTRIBUTE_NAME_RE, text, spaced) : 0;
      if (attribute === 0) return -1;
      i = spaced + attribute;
      const equals = skipWhitespace(text, i);
      if (text[equals] !== "=") continue;
      const value = skipWhitespace(text, equals + 1);
      const quote = text[value];
      if (quote === "'" || quote === '"') {
        const close = this.quotes[quote].from(value + 1);
        if (close === -1) return -1;
        i = close + 1;
      } else {
        const length = matchAt(UNQUOTED_VALUE_RE, text, value);
        if (length === 0) return -1;
        i = value + length;
      }
    }
  }
}

/** Length of the sticky `re` match at `at` (0 when none). */
function matchAt(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.exec(text)?.[0].length ?? 0;
}

function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /[ \t\r\n\f\v]/.test(text[i] ?? "")) i++;
  return i;
}
