/**
 * The file's own formatting, so a value sync writes looks like the values around it: its line
 * ending, its indentation unit, and arrays on one line or one entry per line as the file does
 * (Prettier's 100-column rule when the file gives no hint).
 */
import type { JsonValue } from "./sync-types.js";

/** Lines longer than this put an array one entry per line (Prettier's default print width). */
const PRINT_WIDTH = 100;

export interface JsonStyle {
  eol: "\n" | "\r\n";
  /** One level of indentation: a tab, or the file's spaces. */
  unit: string;
}

/** The line ending and indentation unit of a JSON text (two spaces when it has no indented line). */
export function detectStyle(text: string): JsonStyle {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indented = /\n([ \t]+)\S/.exec(text);
  const first = indented?.[1] ?? "  ";
  // The first indented line holds a top-level key: its indentation is one unit.
  const unit = first.startsWith("\t") ? "\t" : first;
  return { eol, unit };
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
  return text.slice(start, end);
}

/** Whether the value starting at `offset` is the first thing on its line. */
export function startsLine(text: string, offset: number): boolean {
  return lineStart(text, offset) + lineIndent(text, offset).length === offset;
}

/** How a value is laid out where it goes. */
export interface ValueSite {
  /** Indentation of the line holding the key. */
  indent: string;
  /** Column where the value starts (0-based), to measure a one-line rendering. */
  column: number;
  /** The value it replaces spans several lines. */
  multiline: boolean;
  /** The object holding it is written on one line: keep everything on that line. */
  inlineObject: boolean;
  /** Length of the line it sits on now (a file wider than Prettier keeps its width). */
  lineLength: number;
}

/** JSON text for `value` written at `site` in `style`. Only arrays have a layout to choose. */
export function formatValue(value: JsonValue, site: ValueSite, style: JsonStyle): string {
  if (!Array.isArray(value)) return JSON.stringify(value);
  if (value.length === 0) return "[]";
  const items = value.map((item) => JSON.stringify(item));
  const oneLine = `[${items.join(", ")}]`;
  const width = Math.max(PRINT_WIDTH, site.lineLength);
  // The comma after the value counts, as Prettier counts it.
  const fits = site.column + oneLine.length + 1 <= width;
  if (site.inlineObject || (!site.multiline && fits)) return oneLine;
  const inner = site.indent + style.unit;
  return `[${style.eol}${items.map((item) => inner + item).join(`,${style.eol}`)}${style.eol}${site.indent}]`;
}

/** Length of the line holding `offset`, without its line ending. */
export function lineLength(text: string, offset: number): number {
  const start = lineStart(text, offset);
  const end = text.indexOf("\n", offset);
  const stop = end === -1 ? text.length : end;
  return stop - start - (text[stop - 1] === "\r" ? 1 : 0);
}
