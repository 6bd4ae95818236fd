/**
 * `parallel-plans next --format json`: the menu as one JSON document. Each choice keeps the
 * core's fields and adds the CLI `command` (null when the choice is an edit by hand).
 */
import type { NextPlan } from "../core/next/next-types.js";
import { JSON_FORMAT_VERSION } from "./json.js";
import { choiceLines } from "./next-lines.js";

/** The document: `{ version, plans: [{ name, dir, finished, choices, blocked }] }`. */
export function renderNextJson(plans: readonly NextPlan[]): string {
  const doc = {
    version: JSON_FORMAT_VERSION,
    plans: plans.map((plan) => ({
      name: plan.name,
      dir: plan.dir,
      finished: plan.finished,
      choices: plan.choices.map((choice) => ({
        ...choice,
        command: choiceLines(choice, { kind: "cli", path: plan.dir || "." }, (t) => t).command,
      })),
      blocked: plan.blocked,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
