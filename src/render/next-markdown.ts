/**
 * The "What next" section in markdown: the check summary, the dashboard issue and the
 * `/parallel next` reply show the same choices, with slash commands (or CLI commands in the
 * check summary, where nobody can reply). Every plan string is escaped.
 */
import type { NextPlan } from "../core/next/next-types.js";
import { choiceLines, waitingText, type NextSurface } from "./next-lines.js";
import { escapeMarkdownInline } from "./sanitize.js";

/** Most choices listed; a plan with more failed achievements than this says how many are left. */
const MAX_CHOICES = 30;

/** The section's list (no heading): one bullet per choice, details nested, blocked levels last. */
export function renderNextMarkdown(plan: NextPlan, surface: NextSurface): string {
  const lines: string[] = [];
  if (plan.finished) lines.push("- Every achievement is complete or skipped: nothing left to do.");
  else if (plan.choices.length === 0) lines.push("- Nothing can start now.");
  for (const choice of plan.choices.slice(0, MAX_CHOICES)) {
    const worded = choiceLines(choice, surface, escapeMarkdownInline);
    const command = worded.command === null ? "" : ` — ${commandText(worded.command)}`;
    lines.push(`- ${worded.headline}${command}`);
    for (const detail of worded.details) lines.push(`  - ${detail}`);
  }
  if (plan.choices.length > MAX_CHOICES) {
    lines.push(`- … and ${plan.choices.length - MAX_CHOICES} more`);
  }
  for (const level of plan.blocked.slice(0, MAX_CHOICES)) {
    lines.push(
      `- ⏳ Level ${level.level} is blocked: it waits for ${waitingText(level.waitingFor, escapeMarkdownInline)}`,
    );
  }
  return lines.join("\n");
}

/**
 * A command as inline code when it holds only plain characters (what plan folder names usually
 * are, quoted when they hold a space); otherwise escaped as text, so a plan name cannot ping,
 * break out or smuggle markup.
 */
function commandText(command: string): string {
  return /^[A-Za-z0-9 ._/'"-]{1,400}$/.test(command)
    ? `\`${command}\``
    : escapeMarkdownInline(command, 400);
}
