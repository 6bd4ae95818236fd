/** The `/parallel next` reply: the core's choices as slash commands, escaped. */
import { describe, expect, it } from "@jest/globals";
import { renderNextReply } from "../../src/commands/next-reply.js";
import { examplePlan } from "../prompts/example-plan.js";

const at = { sha: "0123456789abcdef", what: "default branch main" };

describe("renderNextReply", () => {
  it("lists the example's level 3 choices with slash commands", () => {
    const { plan } = examplePlan();
    expect(renderNextReply(plan, at, false)).toBe(
      [
        "**What next for PARALLEL-EXECUTION-AUTOMATION** · read at `0123456` (default branch main)",
        "",
        "- Create EXECUTIONs for level 3 (2 ready: 3.1, 3.3) — `/parallel batch-executions --level 3`",
        "- Execute level 3 in parallel (up to 3 executors): 3.2 can start now — `/parallel assign --level 3`",
        "  - estimated 3-5h wall time for its 3 open achievements vs 7-11h one after another",
        "  - not startable yet: 3.1, 3.3",
      ].join("\n"),
    );
  });

  it("repeats --plan when the plan was named, and escapes a plan name that is not plain", () => {
    const { plan } = examplePlan();
    expect(renderNextReply(plan, at, true)).toContain(
      "`/parallel batch-executions --plan PARALLEL-EXECUTION-AUTOMATION --level 3`",
    );
    const odd = renderNextReply({ ...plan, name: "x`@team" }, at, true);
    expect(odd).not.toMatch(/@team/);
    expect(odd).toContain("/parallel batch-executions --plan 'x");
  });

  it("offers only the fix on a plan with errors", () => {
    const { plan } = examplePlan({
      edit: {
        "parallel.json": (t) => t.replace('"dependencies": ["2.3"]', '"dependencies": ["9.9"]'),
      },
    });
    expect(renderNextReply(plan, at, false)).toContain(
      "- Fix 1 validation error first: batch prompts refuse a plan with errors — `/parallel validate`",
    );
  });
});
