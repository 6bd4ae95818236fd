/** The text of inline content, and a paragraph cut into lines with the bold span leading each. */
import type { Nodes, PhrasingContent, Strong } from "mdast";
import { LINE_END_RE } from "./lines.js";
import type { Locator } from "./tree-walk.js";

/** Text allowed before a bold lead on a line: indentation, a status emoji, a checkbox mark. */
const LEAD_PREFIX_RE = /^[^\p{L}\p{N}|]{0,8}$/u;

/** The plain text of inline content: emphasis dropped, code spans and HTML kept as written. */
export function inlineText(node: Nodes, source: string, at: Locator): string {
  const out: string[] = [];
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === "text" || n.type === "html") out.push(n.value);
    else if (n.type === "inlineCode") {
      out.push(n.position ? source.slice(at.offset(n), at.offset(n, "end")) : `\`${n.value}\``);
    } else if (n.type === "break") out.push("\n");
    else if (n.type === "image" || n.type === "imageReference") out.push(n.alt ?? "");
    else if ("children" in n) {
      for (let i = n.children.length - 1; i >= 0; i--) {
        const child = n.children[i];
        if (child) stack.push(child);
      }
    }
  }
  return out.join("");
}

/** One line of a paragraph. */
export interface InlineLine {
  text: string;
  /** A bold span opening the line (after at most a short symbol prefix). */
  lead: Strong | null;
  /** The line's text after the lead. */
  afterLead: string;
}

/** The lines of a paragraph's content, split at line endings and hard breaks. */
export function paragraphLines(
  children: PhrasingContent[],
  source: string,
  at: Locator,
): InlineLine[] {
  const lines: InlineLine[] = [];
  let line: InlineLine = { text: "", lead: null, afterLead: "" };
  let leadPossible = true;
  const newLine = () => {
    lines.push(line);
    line = { text: "", lead: null, afterLead: "" };
    leadPossible = true;
  };
  for (const child of children) {
    if (child.type === "break") {
      newLine();
      continue;
    }
    const value = child.type === "text" ? child.value : inlineText(child, source, at);
    // Most children hold no line end: no regex split for them.
    const parts = value.includes("\n") || value.includes("\r") ? value.split(LINE_END_RE) : [value];
    parts.forEach((part, index) => {
      if (index > 0) newLine();
      if (line.lead) line.afterLead += part;
      else if (leadPossible && index === 0 && child.type === "strong") line.lead = child;
      line.text += part;
      leadPossible = !line.lead && child.type === "text" && LEAD_PREFIX_RE.test(line.text);
    });
  }
  lines.push(line);
  return lines;
}
