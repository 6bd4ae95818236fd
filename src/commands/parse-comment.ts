/**
 * Finding `/parallel` commands in a comment. A command is a line that begins with `/parallel`
 * (then a space or the end of the line) in a top-level paragraph: never inside fenced or indented
 * code, inline code, HTML (comments included), `>` quotes or lists. Lines come back as typed, so
 * `--plan MY_PLAN` keeps its underscores.
 *
 * Any GitHub user can comment, and this runs before any permission check, so the cost is linear
 * in the body: a body with no line starting with `/parallel` is not looked at further; the rest
 * goes through a line-by-line reading of CommonMark's block structure (`comment-blocks.ts`) and,
 * for the paragraphs holding such a line only, of its code spans and HTML (`comment-inline.ts`).
 * A general markdown parser does the same work in quadratic time or worse on some bodies under
 * GitHub's limit (nested lists, emphasis runs, unclosed brackets): seconds per comment.
 */
import { topParagraphs } from "./comment-blocks.js";
import { InlineScanner } from "./comment-inline.js";

/** GitHub caps comment bodies at 65,536 characters; anything longer is not a real comment. */
const MAX_BODY_CHARS = 70_000;
const PREFIX = "/parallel";

/** The command lines of a comment body, in order, each trimmed (`/parallel status --plan X`). */
export function findCommandLines(body: string): string[] {
  if (typeof body !== "string" || body.length > MAX_BODY_CHARS || !hasCandidateLine(body)) {
    return [];
  }
  const commands: string[] = [];
  for (const paragraph of topParagraphs(body)) {
    if (!paragraph.lines.some((line) => isCommandStart(line.trimStart()))) continue;
    const text = paragraph.lines.join("\n");
    const inert = new InlineScanner(text).inertRanges();
    let next = 0;
    let offset = 0;
    for (const line of paragraph.lines) {
      const at = offset + (line.length - line.trimStart().length);
      // Ranges are sorted and disjoint, lines come in order: one pointer walks both.
      while (next < inert.length && (inert[next]?.[1] ?? 0) <= at) next++;
      const range = inert[next];
      const inside = range !== undefined && at > range[0] && at < range[1];
      if (!inside && isCommandStart(line.trimStart())) commands.push(line.trim());
      offset += line.length + 1;
    }
  }
  return commands;
}

/** Whether some line starts, after spaces and tabs, with the prefix: one linear pass. */
function hasCandidateLine(body: string): boolean {
  for (let at = body.indexOf(PREFIX); at !== -1; at = body.indexOf(PREFIX, at + 1)) {
    let i = at - 1;
    while (i >= 0 && (body[i] === " " || body[i] === "\t")) i--;
    if (i < 0 || body[i] === "\n" || body[i] === "\r") return true;
  }
  return false;
}

/** `/parallel` followed by whitespace or the end: `/parallelize` and `/parallel-plans` are not commands. */
function isCommandStart(text: string): boolean {
  if (!text.startsWith(PREFIX)) return false;
  const next = text.charAt(PREFIX.length);
  return next === "" || /\s/u.test(next);
}
