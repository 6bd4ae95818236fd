/**
 * `parallel-plans next [PATH...]`: what can be done with each plan now, with the command for
 * each choice and its time figures. On a terminal it asks which choice to take and prints the
 * prompt (or the brief) for it; with `--format text|json`, or when not on a terminal, it prints
 * the list.
 */
import { decideNext } from "../core/next/decide-next.js";
import type { NextChoice, NextPlan } from "../core/next/next-types.js";
import type { PlanReport } from "../core/model.js";
import { commandWord } from "../render/command-word.js";
import { choiceLines } from "../render/next-lines.js";
import { renderNextJson } from "../render/next-json.js";
import { renderNextText } from "../render/next-text.js";
import { singleLine } from "../render/sanitize.js";
import { renderText } from "../render/text.js";
import { exitCodeFor, EXIT_OK } from "./exit-codes.js";
import type { NextFlags } from "./command-line.js";
import { printDocument, useColor, type CliIo, type MenuItem } from "./io.js";
import { loadOptions } from "./load-options.js";
import { loadReport } from "./load-report.js";
import { runPrompt } from "./prompt-command.js";

/** Print the menus, or ask and print the choice; the exit code follows the findings. */
export async function runNext(
  paths: readonly string[],
  flags: NextFlags,
  io: CliIo,
): Promise<number> {
  const report = await loadReport(paths, await loadOptions(flags, io), io);
  const menus = report.plans.map(decideNext);
  const findingsCode = exitCodeFor(report, false);
  if (flags.format === "json") {
    printDocument(io, renderNextJson(menus));
    return findingsCode;
  }
  const items = menuItems(menus);
  if (flags.format === "text" || io.menu === undefined || items.length === 0) {
    printDocument(io, renderNextText(menus, { color: useColor(io) }));
    return findingsCode;
  }
  let picked: number;
  try {
    picked = await io.menu({ message: "What next?", choices: items.map((i) => i.item) });
  } catch (error) {
    // Ctrl-C or Esc in the menu: nothing chosen, nothing printed.
    const name = (error as { name?: unknown }).name;
    if (name === "ExitPromptError" || name === "AbortPromptError") return EXIT_OK;
    throw error;
  }
  const chosen = items[picked];
  if (!chosen) return EXIT_OK;
  return carryOut(
    chosen.plan,
    chosen.choice,
    report.plans[chosen.planIndex] as PlanReport,
    flags,
    io,
  );
}

interface Entry {
  item: MenuItem;
  plan: NextPlan;
  planIndex: number;
  choice: NextChoice;
}

function menuItems(menus: readonly NextPlan[]): Entry[] {
  const entries: Entry[] = [];
  menus.forEach((plan, planIndex) => {
    for (const choice of plan.choices) {
      const worded = choiceLines(choice, { kind: "cli", path: plan.dir || "." }, singleLine);
      const prefix = menus.length > 1 ? `${singleLine(plan.name, 60)}: ` : "";
      const description = [...worded.details, ...(worded.command ? [`$ ${worded.command}`] : [])];
      entries.push({
        item: {
          name: `${prefix}${worded.headline}`,
          value: entries.length,
          ...(description.length > 0 ? { description: description.join("\n") } : {}),
        },
        plan,
        planIndex,
        choice,
      });
    }
  });
  return entries;
}

/** Print what the choice needs: its prompt, the findings to fix, or the brief to follow. */
async function carryOut(
  plan: NextPlan,
  choice: NextChoice,
  report: PlanReport,
  flags: NextFlags,
  io: CliIo,
): Promise<number> {
  const dir = plan.dir || ".";
  const promptFlags = {
    ...(flags.config === undefined ? {} : { config: flags.config }),
    ...(flags.templates === undefined ? {} : { templates: flags.templates }),
  };
  switch (choice.kind) {
    case "discover":
      return runPrompt("discover", dir, promptFlags, io);
    case "create-subplans":
      return runPrompt("batch-subplans", dir, { ...promptFlags, level: choice.level }, io);
    case "create-executions":
      return runPrompt("batch-executions", dir, { ...promptFlags, level: choice.level }, io);
    case "fix-errors":
      printDocument(io, renderText({ plans: [report] }, { color: useColor(io) }));
      return exitCodeFor({ plans: [report] }, false);
    case "execute-level":
    case "recover": {
      const worded = choiceLines(choice, { kind: "cli", path: dir }, singleLine);
      const lines = [worded.headline, ...worded.details.map((d) => `  ${d}`)];
      if (choice.kind === "execute-level") {
        lines.push("", "Hand each executor one EXECUTION_TASK:");
        choice.achievements.forEach((a, i) => {
          const files = (choice.tasks[i] ?? []).map((f) => singleLine(f, 300)).join(", ");
          lines.push(`  ${singleLine(a.id, 20)} ${singleLine(a.title, 100)}: ${files}`);
        });
        lines.push(
          "",
          `When an achievement is approved, add its APPROVED file and run: parallel-plans sync ${commandWord(dir)} --write`,
        );
      }
      printDocument(io, lines.join("\n"));
      return EXIT_OK;
    }
  }
}
