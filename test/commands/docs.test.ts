/**
 * docs/commands.md cannot drift: its command reference is the registry's (the same text `help`
 * answers with), every template variable the views provide is documented, and its sample prompts
 * are the real output for the seeds' level 3 (examples/PARALLEL-EXECUTION-AUTOMATION). After a
 * change, refresh with `UPDATE_DOCS=1 npm run test:unit -- test/commands/docs.test.ts`.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync, writeFileSync } from "node:fs";
import { commandReference } from "../../src/commands/help-reply.js";
import { REGISTRY } from "../../src/commands/registry.js";
import { COMMANDS, DEFAULT_CONFIG } from "../../src/core/config.js";
import { batchExecutionsView, batchSubplansView } from "../../src/prompts/batch-views.js";
import { buildPrompt } from "../../src/prompts/build-prompt.js";
import { discoverView } from "../../src/prompts/discover-view.js";
import type { PromptKind } from "../../src/prompts/prompt-types.js";
import { selectLevel } from "../../src/prompts/select-work.js";
import { defaultTemplates } from "../../src/prompts/templates.js";
import { fenceFor } from "../../src/render/sanitize.js";
import {
  OPTIONS,
  examplePlan,
  levelThreeUnprepared,
  type ExampleOptions,
} from "../prompts/example-plan.js";

const DOC = "docs/commands.md";

function sample(kind: PromptKind, dryRun: boolean, opts: ExampleOptions = {}): string {
  const { plan, subplans } = examplePlan(opts);
  const outcome = buildPrompt({
    plan,
    subplans,
    templates: defaultTemplates(),
    patterns: OPTIONS.patterns,
    request: { kind, level: kind === "discover" ? null : 3, dryRun },
  });
  const text = outcome.prompt ?? outcome.preview;
  if (text === null) throw new Error(`${kind}: ${outcome.problem?.text}`);
  const fence = fenceFor(text);
  return `${fence}${dryRun ? "text" : "markdown"}\n${text.endsWith("\n") ? text : `${text}\n`}${fence}\n`;
}

/** Marked regions of the doc and what each must hold. */
const REGIONS: Record<string, () => string> = {
  reference: () => `${commandReference(DEFAULT_CONFIG.commands.min_permission)}\n`,
  "batch-subplans-dry-run": () => sample("batch-subplans", true, levelThreeUnprepared()),
  "batch-subplans": () => sample("batch-subplans", false, levelThreeUnprepared()),
  "batch-executions-dry-run": () => sample("batch-executions", true),
  "batch-executions": () => sample("batch-executions", false),
  "discover-dry-run": () => sample("discover", true),
  discover: () => sample("discover", false),
};

function region(doc: string, name: string): { from: number; to: number } {
  const start = `<!-- ${name}:start -->\n`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(`<!-- ${name}:end -->`);
  if (from < 0 || to < from) throw new Error(`${DOC} has no region ${name}`);
  return { from: from + start.length, to };
}

describe("docs/commands.md", () => {
  it("lists exactly the configurable commands, in order", () => {
    expect(REGISTRY.map((spec) => spec.name)).toEqual([...COMMANDS]);
  });

  it("holds the registry's reference and real prompts for the example's level 3", () => {
    let doc = readFileSync(DOC, "utf8");
    for (const [name, render] of Object.entries(REGIONS)) {
      const { from, to } = region(doc, name);
      const expected = render();
      if (process.env.UPDATE_DOCS === "1") doc = doc.slice(0, from) + expected + doc.slice(to);
      else expect(doc.slice(from, to)).toBe(expected);
    }
    if (process.env.UPDATE_DOCS === "1") writeFileSync(DOC, doc);
  });

  it("documents every variable the templates can use", () => {
    const doc = readFileSync(DOC, "utf8");
    const { plan, subplans } = examplePlan(levelThreeUnprepared());
    const subplanWork = selectLevel(plan, "batch-subplans", 3);
    const current = examplePlan();
    const executionWork = selectLevel(current.plan, "batch-executions", 3);
    if (!subplanWork.ok || !executionWork.ok)
      throw new Error("the example's level 3 is not selectable");
    const views = [
      discoverView(plan, OPTIONS.patterns),
      batchSubplansView(plan, subplanWork.work, OPTIONS.patterns),
      batchExecutionsView(current.plan, executionWork.work, OPTIONS.patterns, current.subplans),
    ];
    void subplans;
    const names = new Set<string>();
    const collect = (value: unknown, prefix: string) => {
      if (Array.isArray(value)) collect(value[0], `${prefix}[]`);
      else if (value !== null && typeof value === "object") {
        for (const [key, child] of Object.entries(value))
          collect(child, prefix === "" ? key : `${prefix}.${key}`);
      } else names.add(prefix);
    };
    for (const view of views) collect(view, "");
    for (const name of names) expect(doc).toContain(`\`${name}\``);
  });
});
