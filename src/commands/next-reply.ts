/**
 * The reply to `/parallel next`: the plan's "what next" menu (decided by the core's `decideNext`)
 * with the slash command of each choice, the same choices `parallel-plans next` offers.
 */
import type { PlanReport } from "../core/model.js";
import { decideNext } from "../core/next/decide-next.js";
import { renderNextMarkdown } from "../render/next-markdown.js";
import { escapeMarkdownInline } from "../render/sanitize.js";
import type { ReadAt } from "./plan-replies.js";

/** `withPlan`: the plan was named with `--plan` (or there are several), so commands repeat it. */
export function renderNextReply(plan: PlanReport, at: ReadAt, withPlan: boolean): string {
  const sha = at.sha.slice(0, 7).replace(/[^0-9a-f]/g, "");
  return [
    `**What next for ${escapeMarkdownInline(plan.name, 100)}** · read at \`${sha}\` (${escapeMarkdownInline(at.what, 120)})`,
    "",
    renderNextMarkdown(decideNext(plan), { kind: "app", plan: plan.name, withPlan }),
  ].join("\n");
}
