/**
 * The commands replies suggest (the "Next:" hint of a prompt reply, the list of plans to choose
 * from) name a plan whose folder has spaces or quotes so that the suggestion, pasted back as a
 * comment, is about that plan.
 */
import { describe, expect, it } from "@jest/globals";
import { planRef, renderChoosePlan } from "../../src/commands/plan-choice.js";
import { parseCommand } from "../../src/commands/parse-command.js";
import { nextCommand } from "../../src/commands/prompt-reply.js";

/** The plan a suggested command line names, as the parser reads it back. */
function planOf(line: string): string | null {
  const parsed = parseCommand(line);
  if (parsed.kind !== "command") throw new Error(`${line}: ${JSON.stringify(parsed)}`);
  return parsed.args.plan;
}

const NAMES = ["RELEASE-PIPELINE", "WITH SPACE", `it's "here"`];

describe("suggested commands", () => {
  it.each(NAMES)("a prompt reply's next command names %j", (name) => {
    const line = nextCommand(
      { text: "Level 3 is ready", next: { kind: "batch-subplans", level: 3 } },
      name,
      true,
    );
    expect(line).not.toBeNull();
    expect(planOf(line as string)).toBe(name);
  });

  it("leaves a plain name as it is", () => {
    expect(
      nextCommand({ text: "Ready", next: { kind: "batch-subplans", level: 3 } }, "X", true),
    ).toBe("/parallel batch-subplans --plan X --level 3");
  });

  it("lists plans to choose from in commands that name each of them", () => {
    const plans = NAMES.map((name) => planRef(`work-space/plans/${name}`));
    const reply = renderChoosePlan(plans, "status", "repository");
    const lines = [...reply.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1] as string);
    expect(lines.map(planOf)).toEqual(NAMES);
  });
});
