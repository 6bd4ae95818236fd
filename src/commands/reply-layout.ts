/**
 * The shape of every reply: the command quoted, the answer, long text (a prompt, a preview) in a
 * fenced block inside `<details>`, and the app's hidden marker. GitHub refuses comment bodies over
 * 65,536 characters, so a reply that would be longer is split into numbered comments, the fenced
 * text cut at line ends; each part is a complete, renderable comment.
 */
import { escapeMarkdownInline, fenceFor } from "../render/sanitize.js";
import { renderHiddenMarker } from "../core/hidden-marker.js";

/** GitHub's limit on an issue or pull request comment body. */
export const COMMENT_LIMIT = 65_536;
/** What a part may use: the limit with room for the marker and rounding. */
const PART_BUDGET = 65_000;

/** Long text shown collapsed, in a fence that nothing inside can close. */
export interface Attachment {
  /** The `<summary>` line (plain text; escaped here). */
  summary: string;
  text: string;
  /** The fence's info string, e.g. "markdown" or "text". */
  language: string;
  /** Shown expanded (a preview is read, a prompt is copied). */
  open?: boolean;
}

/** What a reply says, before it is laid out into comments. */
export interface ReplyContent {
  /** Markdown after the quoted command (already safe: built from escaped parts). */
  body: string;
  attachment?: Attachment;
}

/** What the hidden marker records about a reply. */
export interface ReplyMarker {
  command: string;
  /** The comment answered. */
  comment: number;
}

/** The command as the commenter typed it, quoted and inert (no pings, no markup). */
export function quoteCommand(line: string): string {
  return `> ${escapeMarkdownInline(line, 300)}`;
}

function marker(info: ReplyMarker, part: number, parts: number): string {
  const data = { kind: "reply", command: info.command, comment: info.comment, part, parts };
  return renderHiddenMarker(data);
}

function details(attachment: Attachment, text: string, fence: string, label: string): string {
  const body = text.endsWith("\n") ? text : `${text}\n`;
  return [
    attachment.open ? "<details open>" : "<details>",
    `<summary>${escapeMarkdownInline(attachment.summary, 300)}${label}</summary>`,
    "",
    `${fence}${attachment.language}`,
    `${body}${fence}`,
    "",
    "</details>",
  ].join("\n");
}

/** The comment bodies of a reply: one, or numbered parts when it is too long for one. */
export function layoutReply(line: string, content: ReplyContent, info: ReplyMarker): string[] {
  const head = `${quoteCommand(line)}\n\n${content.body.trim()}`;
  const attachment = content.attachment;
  if (!attachment) return [`${head}\n\n${marker(info, 1, 1)}\n`];
  const fence = fenceFor(attachment.text);
  const single = `${head}\n\n${details(attachment, attachment.text, fence, "")}\n\n${marker(info, 1, 1)}\n`;
  if (single.length <= PART_BUDGET) return [single];

  // Every part carries at most the head, the wrappers, a label and the marker besides its chunk.
  const label = (part: number, parts: number) => ` (part ${part} of ${parts})`;
  const continued = (part: number, parts: number) =>
    `${quoteCommand(line)}\n\n**Part ${part} of ${parts}** of the answer to this command, continued.`;
  const overhead =
    Math.max(head.length, continued(99, 99).length) +
    details(attachment, "", fence, label(99, 99)).length +
    marker(info, 99, 99).length +
    16;
  const chunks = splitLines(attachment.text, PART_BUDGET - overhead);
  return chunks.map((chunk, i) => {
    const n = chunks.length;
    const top = i === 0 ? head : continued(i + 1, n);
    return `${top}\n\n${details(attachment, chunk, fence, label(i + 1, n))}\n\n${marker(info, i + 1, n)}\n`;
  });
}

/**
 * `text` cut into pieces of at most `max` characters, at line ends where possible (a longer line
 * is cut between code points). The pieces joined are the text.
 */
export function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const line of text.split(/(?<=\n)/)) {
    if (current.length + line.length <= max) {
      current += line;
      continue;
    }
    if (current !== "") pieces.push(current);
    current = "";
    let rest = line;
    while (rest.length > max) {
      let cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current !== "" || pieces.length === 0) pieces.push(current);
  return pieces;
}
