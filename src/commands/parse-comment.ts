/**
 * Finding `/parallel` commands in a comment. A command is a line that begins with `/parallel`
 * (then a space or the end of the line) in a top-level paragraph: never inside fenced or indented
 * code, inline code, HTML (comments included), `>` quotes or lists. remark parses the markdown;
 * the command lines are sliced from the source as typed, so `--plan MY_PLAN` keeps its underscores.
 */
import type { Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";

/** GitHub caps comment bodies at 65,536 characters; anything longer is not a real comment. */
const MAX_BODY_CHARS = 70_000;
const PREFIX = "/parallel";
const LINE_RE = /\r\n|\r|\n/;

const processor = unified().use(remarkParse);

/** The command lines of a comment body, in order, each trimmed (`/parallel status --plan X`). */
export function findCommandLines(body: string): string[] {
  if (typeof body !== "string" || body.length > MAX_BODY_CHARS || !body.includes(PREFIX)) return [];
  let root: Root;
  try {
    root = processor.parse(body);
  } catch {
    return [];
  }
  const lines: string[] = [];
  for (const block of root.children) {
    const start = block.position?.start.offset;
    const end = block.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    // Setext headings ("/parallel status" underlined by "---") are a paragraph the user typed.
    const setext = block.type === "heading" && body[start] !== "#";
    if (block.type !== "paragraph" && !setext) continue;
    const inert = inertRanges(block);
    let offset = start;
    for (const line of body.slice(start, end).split(LINE_RE)) {
      const indent = line.length - line.trimStart().length;
      const at = offset + indent;
      if (isCommandStart(line.slice(indent)) && !inert.some(([from, to]) => at > from && at < to)) {
        lines.push(line.trim());
      }
      offset += line.length + lineBreakLength(body, offset + line.length);
    }
  }
  return lines;
}

/** `/parallel` followed by whitespace or the end: `/parallelize` and `/parallel-plans` are not commands. */
function isCommandStart(text: string): boolean {
  if (!text.startsWith(PREFIX)) return false;
  const next = text.charAt(PREFIX.length);
  return next === "" || /\s/u.test(next);
}

/** Source ranges of inline code and inline HTML: a line starting inside one is not a command. */
function inertRanges(block: Nodes): [number, number][] {
  const ranges: [number, number][] = [];
  const stack: Nodes[] = [block];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === "inlineCode" || node.type === "html") {
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      if (from !== undefined && to !== undefined) ranges.push([from, to]);
    } else if ("children" in node) {
      stack.push(...(node.children as Nodes[]));
    }
  }
  return ranges;
}

function lineBreakLength(text: string, at: number): number {
  if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10) return 2;
  return at < text.length ? 1 : 0;
}
