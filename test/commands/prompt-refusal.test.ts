/** `/parallel batch-*` on a plan with errors: the reply refuses and says why; --force is named. */
import { describe, expect, it } from "@jest/globals";
import { renderPromptReply } from "../../src/commands/prompt-reply.js";
import { buildPrompt } from "../../src/prompts/build-prompt.js";
import { defaultTemplates } from "../../src/prompts/templates.js";
import { OPTIONS, examplePlan } from "../prompts/example-plan.js";

const at = { sha: "0123456789abcdef", what: "head of this pull request" };
const broken = examplePlan({
  edit: { "parallel.json": (t) => t.replace('"dependencies": ["2.3"]', '"dependencies": ["9.9"]') },
});

function reply(force: boolean) {
  const outcome = buildPrompt({
    plan: broken.plan,
    subplans: broken.subplans,
    templates: defaultTemplates(),
    patterns: OPTIONS.patterns,
    request: { kind: "batch-executions", level: 3, dryRun: false, force },
  });
  return renderPromptReply(outcome, at, false);
}

describe("batch prompt replies on a plan with errors", () => {
  it("refuse, pointing at validate and --force", () => {
    const content = reply(false);
    expect(content.attachment).toBeUndefined();
    expect(content.body).toContain(
      "Nothing to prompt for: PARALLEL-EXECUTION-AUTOMATION has 1 validation error: fix it first (validate lists it), or add --force to build the prompt anyway.",
    );
  });

  it("build the prompt with --force and say it was used", () => {
    const content = reply(true);
    expect(content.attachment?.text).toMatch(/^# Batch EXECUTION/);
    expect(content.body).toContain(
      "- ⚠️ \\--force: built despite 1 validation error in PARALLEL-EXECUTION-AUTOMATION; its levels and statuses may be wrong (see validate).",
    );
  });
});
