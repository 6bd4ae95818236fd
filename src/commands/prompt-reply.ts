/**
 * The reply to `discover`, `batch-subplans` and `batch-executions`: what the prompt covers, every
 * note (partial success is said, never silent), and the prompt — or the dry-run preview — in a
 * fenced block inside `<details>`, exactly as `parallel-plans prompt` prints it.
 */
import type { PromptNote, PromptOutcome } from "../prompts/prompt-types.js";
import { commandWord } from "../render/command-word.js";
import { escapeMarkdownInline } from "../render/sanitize.js";
import type { ReadAt } from "./plan-replies.js";
import type { ReplyContent } from "./reply-layout.js";

/** `/parallel batch-subplans --plan X --level 3`: the command a note points at. */
export function nextCommand(note: PromptNote, plan: string, withPlan: boolean): string | null {
  if (!note.next) return null;
  const parts = [`/parallel ${note.next.kind}`];
  if (withPlan) parts.push(`--plan ${commandWord(plan)}`);
  if (note.next.level !== null) parts.push(`--level ${note.next.level}`);
  return parts.join(" ");
}

function noteLine(note: PromptNote, plan: string, withPlan: boolean): string {
  const next = nextCommand(note, plan, withPlan);
  const hint = next === null ? "" : ` Next: \`${next.replace(/`/g, "")}\``;
  return `${escapeMarkdownInline(note.text, 600)}.${hint}`;
}

/**
 * The reply content for a prompt outcome. `withPlan`: the plan was chosen by `--plan` (or there
 * are several), so suggested commands repeat it.
 */
export function renderPromptReply(
  outcome: PromptOutcome,
  at: ReadAt,
  withPlan: boolean,
): ReplyContent {
  const sha = at.sha.slice(0, 7).replace(/[^0-9a-f]/g, "");
  const heading = `**${escapeMarkdownInline(outcome.title, 300)}** · read at \`${sha}\` (${escapeMarkdownInline(at.what, 120)})`;
  const lines = [heading];
  if (outcome.problem) {
    lines.push(
      "",
      `Nothing to prompt for: ${noteLine(outcome.problem, outcome.plan.name, withPlan)}`,
    );
  }
  if (outcome.notes.length > 0) {
    lines.push(
      "",
      ...outcome.notes.map((note) => `- ⚠️ ${noteLine(note, outcome.plan.name, withPlan)}`),
    );
  }
  const shown = outcome.covered.slice(0, 10).join(", ");
  const more = outcome.covered.length - 10;
  const ids = more > 0 ? `${shown} and ${more} more` : shown;
  if (outcome.prompt !== null) {
    lines.push(
      "",
      "Paste the prompt below into your LLM; it creates the files listed in its Output Format.",
    );
    return {
      body: lines.join("\n"),
      attachment: {
        summary: `Prompt${ids ? ` for ${ids}` : ""}`,
        text: outcome.prompt,
        language: "markdown",
      },
    };
  }
  if (outcome.preview !== null) {
    lines.push(
      "",
      "Dry run: nothing below is a prompt yet; repeat the command without `--dry-run` to get it.",
    );
    return {
      body: lines.join("\n"),
      attachment: {
        summary: `Preview${ids ? ` for ${ids}` : ""}`,
        text: outcome.preview,
        language: "text",
        open: true,
      },
    };
  }
  return { body: lines.join("\n") };
}
