/**
 * Multi-line plan text (a PLAN section) made safe for an issue body: every line escaped as
 * inline markdown (no raw HTML, no `@mention` pings, no `#123` links, no code fences), with list
 * markers and indentation kept so the section still reads as a list.
 */
import { escapeControls, escapeMarkdownInline } from "../../render/sanitize.js";

const LIST_RE = /^(\s*)([-*+]|\d{1,9}[.)])(\s+\[[ xX]\])?\s+/;
const MAX_LINE = 1000;

/** A PLAN section as issue-body markdown, at most `maxLines` lines. */
export function escapeMarkdownBlock(text: string, maxLines = 80): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  for (const line of lines.slice(0, maxLines)) {
    if (line.trim() === "") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
      continue;
    }
    const list = LIST_RE.exec(line);
    if (list) {
      const indent = " ".repeat(Math.min(list[1]?.length ?? 0, 8));
      const box = list[3] ? `${list[3].trim()} ` : "";
      const marker = /^\d/.test(list[2] ?? "") ? `${list[2]}` : "-";
      out.push(
        `${indent}${marker} ${box}${escapeMarkdownInline(line.slice(list[0].length), MAX_LINE)}`,
      );
    } else {
      out.push(escapeMarkdownInline(line, MAX_LINE));
    }
  }
  while (out[out.length - 1] === "") out.pop();
  if (lines.length > maxLines)
    out.push("", `*… ${lines.length - maxLines} more lines in the PLAN*`);
  return out.join("\n");
}

/** Inline code holding `text` (paths, commands): backticks removed, so it cannot break out; controls escaped. */
export function inlineCode(text: string): string {
  return `\`${escapeControls(text.replace(/[`\r\n]/g, ""), false)}\``;
}

/** GitHub refuses issue bodies over 65,536 characters: stay under it with room to spare. */
export const MAX_BODY = 65_000;

/** `text` cut to `max` UTF-16 units without splitting a surrogate pair, or null when it fits. */
function cutAt(text: string, max: number): string | null {
  if (text.length <= max) return null;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * A body section (already escaped) cut to `max` characters, with "… (cut: `note`)" when cut.
 * Cutting escaped text can only drop part of an escape, which then shows literally.
 */
export function capSection(text: string, max: number, note: string): string {
  const cut = cutAt(text, max);
  return cut === null ? text : `${cut}…\n\n*(cut: ${note})*`;
}

/**
 * An issue body within GitHub's limit: its first line (the hidden marker the app finds its
 * issues by) kept whole, the rest cut with a note saying so.
 */
export function capBody(body: string, note: string): string {
  if (body.length <= MAX_BODY) return body;
  const newline = body.indexOf("\n");
  const marker = newline < 0 ? "" : body.slice(0, newline + 1);
  const tail = `…\n\n*(cut: ${note})*`;
  const room = Math.max(0, MAX_BODY - marker.length - tail.length);
  const cut = cutAt(body.slice(marker.length), room) ?? "";
  return `${marker}${cut}${tail}`;
}
