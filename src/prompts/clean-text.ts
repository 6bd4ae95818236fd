/**
 * Plan text copied into prompts is kept as written (an LLM needs it verbatim) but made inert:
 * terminal escape sequences and bidi overrides shown escaped (the CLI prints prompts on a
 * terminal, and a person should see what the LLM is handed), one line ending style. Markdown safety is the reply's job: prompts travel inside a fence there.
 */

import { escapeControls } from "../render/sanitize.js";

const LINE_END_RE = /\r\n|\r|\u2028|\u2029/g;

/**
 * A block of plan text: controls and bidi marks shown escaped, `\n` line ends, no trailing blank lines.
 * Trailing blanks and blank lines are cut with loops, not `$`-anchored regexes: those backtrack
 * quadratically on long runs of spaces or newlines, and plan text is untrusted.
 */
export function cleanBlock(text: string): string {
  const lines = escapeControls(text.replace(LINE_END_RE, "\n")).split("\n").map(trimBlanksEnd);
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
