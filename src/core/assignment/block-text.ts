/**
 * Multi-line plan text (a PLAN section) made safe for an issue body: every line escaped as
 * inline markdown (no raw HTML, no `@mention` pings, no `#123` links, no code fences), with list
 * markers and indentation kept so the section still reads as a list.
 */
import { escapeMarkdownInline } from "../../render/sanitize.js";

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

/** Inline code holding `text` (paths, commands): backticks removed, so it cannot break out. */
export function inlineCode(text: string): string {
  return `\`${text.replace(/[`\r\n]/g, "")}\``;
}
