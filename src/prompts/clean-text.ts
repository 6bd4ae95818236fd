/**
 * Plan text copied into prompts is kept as written (an LLM needs it verbatim) but made inert:
 * no terminal escape sequences or bidi overrides (the CLI prints prompts on a terminal), one
 * line ending style. Markdown safety is the reply's job: prompts travel inside a fence there.
 */

/* eslint-disable no-control-regex -- removing control characters is the point */
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/* eslint-enable no-control-regex */
const BIDI_RE = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const LINE_END_RE = /\r\n|\r|\u2028|\u2029/g;

/**
 * A block of plan text: controls and bidi marks removed, `\n` line ends, no trailing blank lines.
 * Trailing blanks and blank lines are cut with loops, not `$`-anchored regexes: those backtrack
 * quadratically on long runs of spaces or newlines, and plan text is untrusted.
 */
export function cleanBlock(text: string): string {
  const lines = text
    .replace(LINE_END_RE, "\n")
    .replace(CONTROL_RE, "")
    .replace(BIDI_RE, "")
    .split("\n")
    .map(trimBlanksEnd);
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end).join("\n");
}

/** A line without its trailing spaces and tabs (other whitespace is plan text and stays). */
function trimBlanksEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return line.slice(0, end);
}

/** One line of plan text (titles, ids): whitespace runs collapsed, at most `max` characters. */
export function cleanLine(text: string, max = 200): string {
  const flat = cleanBlock(text).replace(/\s+/g, " ").trim();
  const points = Array.from(flat);
  return points.length <= max ? flat : `${points.slice(0, max - 1).join("")}…`;
}

/** A block placed after a list item's label: continuation lines indented to stay in the item. */
export function inItem(text: string, indent = "  "): string {
  return cleanBlock(text).replace(/\n(?=.)/g, `\n${indent}`);
}
