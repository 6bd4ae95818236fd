/**
 * `parallel-plans next` as text: per plan the numbered choices with their command, what waits
 * and for what. Plan text goes through `singleLine` (no escape sequences into the terminal).
 */
import pc from "picocolors";
import type { NextPlan } from "../core/next/next-types.js";
import { choiceLines, waitingText } from "./next-lines.js";
import { singleLine } from "./sanitize.js";

/** The menus of several plans, one block each. */
export function renderNextText(plans: readonly NextPlan[], options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  if (plans.length === 0) return "No plans found.\n";
  const blocks = plans.map((plan) => {
    const lines = [
      `${c.bold(`PLAN: ${singleLine(plan.name, 100)}`)}  ${c.dim(singleLine(plan.dir, 200))}`,
    ];
    if (plan.finished)
      lines.push("  Every achievement is complete or skipped: nothing left to do.");
    else if (plan.choices.length === 0) lines.push("  Nothing can start now.");
    plan.choices.forEach((choice, i) => {
      const worded = choiceLines(choice, { kind: "cli", path: plan.dir || "." }, singleLine);
      lines.push(`  ${i + 1}. ${worded.headline}`);
      for (const detail of worded.details) lines.push(`       ${detail}`);
      if (worded.command !== null) lines.push(`       ${c.cyan(`$ ${worded.command}`)}`);
    });
    for (const level of plan.blocked) {
      lines.push(
        `  ${c.dim(`Blocked: level ${level.level} waits for ${waitingText(level.waitingFor, singleLine)}`)}`,
      );
    }
    return lines.join("\n");
  });
  return blocks.join("\n\n") + "\n";
}
