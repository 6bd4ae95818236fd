/**
 * Text from plans is hostile: titles, ids, messages and paths end up in check runs, comments,
 * issues, Mermaid graphs and terminals (DESIGN.md §6). Every renderer passes plan text through
 * one of these before it touches the output. All functions are linear-time and regex-light.
 */

/**
 * Characters no output may carry raw: C0 controls (ESC starts terminal escape sequences, BEL
 * rings), DEL, C1 controls (NEL included), the line and paragraph separators, and the bidi marks,
 * embeddings, overrides and isolates that reorder what a person reads ("Trojan Source").
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE_RE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|\r(?!\n)/g;
/** The same, with tab, line feed and carriage return unsafe too. */
const UNSAFE_ANYWHERE_RE =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
/* eslint-enable no-control-regex */
/** Line breaks and tabs collapse to one space: every rendered field is one line. */
const BREAK_RE = /[\t\n\r\u2028\u2029\u0085]+/g;

/** `\u202E`: four hex digits, which is also the JSON escape of the same character. */
function escapeCodeUnit(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The one place unsafe characters leave plan text: each control, separator or bidi character is
 * shown as its `\uXXXX` escape, so it is visible and does nothing. With `keepBreaks` (blocks:
 * prompts, diffs, whole JSON documents), tab, line feed and a carriage return before a line feed
 * stay. Applied to a JSON text, the result is the same JSON value (the escapes are JSON's).
 */
export function escapeControls(text: string, keepBreaks = true): string {
  return String(text).replace(keepBreaks ? UNSAFE_RE : UNSAFE_ANYWHERE_RE, escapeCodeUnit);
}

/** Bytes `s` takes in UTF-8 (a lone surrogate counts 3, as TextEncoder writes U+FFFD). */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The longest prefix of `s` whose UTF-8 encoding (plus `ellipsis` when cut) fits in `maxBytes`,
 * cut on a code-point boundary so no character is ever split.
 */
export function truncateUtf8(s: string, maxBytes: number, ellipsis = ""): string {
  if (utf8ByteLength(s) <= maxBytes) return s;
  const budget = maxBytes - utf8ByteLength(ellipsis);
  if (budget < 0) return "";
  let bytes = 0;
  let end = 0;
  while (end < s.length) {
    const code = s.charCodeAt(end);
    const pair = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(s.charCodeAt(end + 1));
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > budget) break;
    bytes += size;
    end += pair ? 2 : 1;
  }
  return s.slice(0, end) + ellipsis;
}

/** Cuts `s` to at most `maxChars` code points, the last one being "…" when cut. */
export function truncateChars(s: string, maxChars: number): string {
  if (s.length <= maxChars) return s;
  const points = Array.from(s);
  if (points.length <= maxChars) return s;
  return maxChars < 1 ? "" : points.slice(0, maxChars - 1).join("") + "…";
}

/**
 * One line of plain text: line breaks and runs of whitespace collapsed to one space, controls and
 * bidi characters shown escaped ({@link escapeControls}), trimmed, then truncated to `maxChars`
 * code points. Safe for terminals (no escape sequences) and the base of every other escaper.
 */
export function singleLine(s: string, maxChars = 200): string {
  const flat = escapeControls(String(s).replace(BREAK_RE, " "), false).replace(/ {2,}/g, " ");
  return truncateChars(flat.trim(), maxChars);
}

const MARKDOWN_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "`": "\\`",
  "*": "\\*",
  _: "\\_",
  "~": "\\~",
  "[": "\\[",
  "]": "\\]",
  "|": "\\|",
  $: "\\$",
  // U+200B after "@" breaks GitHub's mention detection, after "#" its issue auto-links.
  "@": "@\u200B",
  "#": "#\u200B",
};
const MARKDOWN_RE = /[\\&<>`*_~[\]|$@#]/g;

/**
 * Plan text made safe for one line of GitHub markdown, including a table cell: no raw HTML, no
 * emphasis/links/code/math, no table breaks, no `@mention` pings or `#123` cross-references,
 * no block syntax (headings, lists) at the start, one line, at most `maxChars` visible characters.
 */
export function escapeMarkdownInline(s: string, maxChars = 200): string {
  const escaped = singleLine(s, maxChars).replace(MARKDOWN_RE, (c) => MARKDOWN_ESCAPES[c] ?? c);
  // Text starting like a list item ("- ", "+ ", "1. ", "1) ") or a rule/underline ("---", "===")
  // would become a block where it lands at the start of a line.
  return escaped
    .replace(/^([-+=])(?=\s|$|\1)/, "\\$1")
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
}

/**
 * A backtick fence that cannot be closed by anything inside `text`: one backtick longer than the
 * longest backtick run in it, and at least three.
 */
export function fenceFor(text: string): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return "`".repeat(Math.max(3, longest + 1));
}

/** Characters Mermaid would read as syntax inside `["…"]`, as its `#code;` entities. */
const MERMAID_ENTITIES: Record<string, string> = {
  '"': "#quot;",
  "#": "#35;",
  "&": "#amp;",
  "<": "#lt;",
  ">": "#gt;",
  "[": "#91;",
  "]": "#93;",
  "|": "#124;",
  ";": "#59;",
  "`": "#96;",
  "@": "#64;",
  "%": "#37;",
  "\\": "#92;",
};
const MERMAID_RE = /["#&<>[\]|;`@%\\]/g;

/**
 * A label safe inside `["…"]` of a Mermaid flowchart: one line, truncated to `maxChars`, every
 * quote, bracket, `#`, HTML, backtick (Mermaid's markdown strings), `%` (`%%{init}%%` directives)
 * and `@` written as an entity code. The result holds no backtick, so it cannot close a fence.
 */
export function mermaidLabel(s: string, maxChars = 80): string {
  return singleLine(s, maxChars).replace(MERMAID_RE, (c) => MERMAID_ENTITIES[c] ?? c);
}

/**
 * A Graphviz DOT double-quoted string (quotes included): backslashes doubled so label escapes
 * such as `\N` or `\l` stay literal, quotes escaped, one line.
 */
export function dotString(s: string, maxChars = 80): string {
  return `"${singleLine(s, maxChars).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
