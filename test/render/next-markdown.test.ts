/**
 * The slash commands the app suggests ("What next" in the check summary, the dashboard and the
 * `/parallel next` reply) for a plan whose name has a space or a quote: shown as inline code that,
 * pasted into a comment, names the same plan.
 */
import { describe, expect, it } from "@jest/globals";
import { parseCommand } from "../../src/commands/parse-command.js";
import { decideNext } from "../../src/core/next/decide-next.js";
import { renderNextMarkdown } from "../../src/render/next-markdown.js";
import { examplePlan } from "../prompts/example-plan.js";

const surface = (plan: string) => ({ kind: "app" as const, plan, withPlan: true });

describe("renderNextMarkdown's slash commands", () => {
  it.each(["WITH SPACE", "it's here", 'say "hi"'])(
    "quotes the plan name %j so that pasting the command names that plan",
    (name) => {
      const { plan } = examplePlan();
      const markdown = renderNextMarkdown(decideNext({ ...plan, name }), surface(name));
      const commands = [...markdown.matchAll(/`(\/parallel [^`]*)`/g)].map((m) => m[1] ?? "");
      expect(commands).toHaveLength(2);
      for (const command of commands) {
        expect(parseCommand(command)).toMatchObject({ kind: "command", args: { plan: name } });
      }
    },
  );

  it("shows a plain name as it always did", () => {
    const { plan } = examplePlan();
    expect(renderNextMarkdown(decideNext(plan), surface(plan.name))).toContain(
      "`/parallel batch-executions --plan PARALLEL-EXECUTION-AUTOMATION --level 3`",
    );
  });

  it("quotes a name with a space as single-quoted inline code", () => {
    const { plan } = examplePlan();
    expect(renderNextMarkdown(decideNext(plan), surface("WITH SPACE"))).toContain(
      "`/parallel batch-executions --plan 'WITH SPACE' --level 3`",
    );
  });
});
