/** A command line → command, unknown command (help) or usage problem, per the registry. */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { parseCommand } from "../../src/commands/parse-command.js";
import { commandWord } from "../../src/render/command-word.js";

describe("parseCommand", () => {
  it.each([
    ["/parallel status", "status", { plan: null, level: null, dryRun: false }],
    ["/parallel status --plan X", "status", { plan: "X" }],
    ["/parallel status --plan=work-space/plans/X", "status", { plan: "work-space/plans/X" }],
    ["/parallel batch-subplans --level 3 --dry-run", "batch-subplans", { level: 3, dryRun: true }],
    ["/parallel batch-executions --level=0", "batch-executions", { level: 0 }],
    ["/parallel BATCH-SUBPLANS", "batch-subplans", {}],
    ["/parallel\u00a0validate", "validate", {}],
    ["/parallel", "help", { topic: null }],
    ["/parallel help sync", "help", { topic: "sync" }],
    ["/parallel discover --dry-run", "discover", { dryRun: true }],
    ["/parallel claim 3.1", "claim", { ids: ["3.1"] }],
    ["/parallel claim", "claim", { ids: [] }],
    ["/parallel unclaim", "unclaim", { ids: [] }],
    ['/parallel status --plan "WITH SPACE"', "status", { plan: "WITH SPACE" }],
    ["/parallel status --plan 'WITH SPACE'", "status", { plan: "WITH SPACE" }],
    ['/parallel status --plan="plans/WITH SPACE"', "status", { plan: "plans/WITH SPACE" }],
    [
      "/parallel batch-subplans --plan 'WITH SPACE' --level 1",
      "batch-subplans",
      { plan: "WITH SPACE", level: 1 },
    ],
    [`/parallel status --plan 'it'"'"'s "here"'`, "status", { plan: `it's "here"` }],
    ['/parallel "status"', "status", {}],
    [
      "/parallel assign --level 3 3.1 3.2 @octocat @mona-lisa",
      "assign",
      { level: 3, ids: ["3.1", "3.2"], users: ["octocat", "mona-lisa"] },
    ],
  ])("reads %j", (line, name, args) => {
    const parsed = parseCommand(line);
    expect(parsed.kind).toBe("command");
    if (parsed.kind !== "command") return;
    expect(parsed.spec.name).toBe(name);
    expect(parsed.args).toMatchObject(args);
  });

  it.each([
    ["/parallel frobnicate", "frobnicate"],
    ["/parallel 3.1", "3.1"],
    ["/parallel --plan X", "--plan"],
  ])("calls %j an unknown command", (line, name) => {
    expect(parseCommand(line)).toEqual({ kind: "unknown", line, name });
  });

  it.each([
    ["/parallel status --level 3", "/parallel status takes no --level"],
    ["/parallel batch-subplans --level x", '--level takes a level number, not "x"'],
    ["/parallel batch-subplans --level -1", "--level needs a value"],
    ["/parallel batch-subplans --level", "--level needs a value"],
    ["/parallel batch-subplans --level 1 --level 2", "--level is given twice"],
    ["/parallel batch-subplans --frob", "unknown option --frob"],
    ["/parallel batch-subplans -x", "unknown option -x"],
    ["/parallel batch-subplans --dry-run=yes", "--dry-run takes no value"],
    ["/parallel status --plan ../etc", `--plan takes a plan folder's name or path, not "../etc"`],
    ["/parallel status --plan /abs", `--plan takes a plan folder's name or path, not "/abs"`],
    ["/parallel status extra", '/parallel status takes no argument "extra"'],
    ["/parallel help frob", 'there is no command "frob"'],
    ["/parallel help status sync", "ask about one command at a time"],
    ["/parallel claim 3.1 3.2", "/parallel claim takes one achievement id (like 3.1)"],
    ["/parallel claim @octocat", '"@octocat" is neither an achievement id (like 3.1)'],
    ["/parallel assign @-bad", '"@-bad" is neither an achievement id (like 3.1) nor a @user'],
    [`/parallel status ${"--plan X ".repeat(40)}`, "the command is too long (at most 30 words)"],
    ['/parallel status --plan "WITH SPACE', 'a quote (") is not closed'],
    ["/parallel status --plan 'WITH SPACE", "a quote (') is not closed"],
    ['/parallel status --plan ""', `--plan takes a plan folder's name or path, not ""`],
    ['/parallel status --plan "A\tB"', `--plan takes a plan folder's name or path, not "A\tB"`],
    ['/parallel status --plan "../etc"', `--plan takes a plan folder's name or path, not "../etc"`],
  ])("refuses %j with a usage problem", (line, problem) => {
    const parsed = parseCommand(line);
    expect(parsed.kind).toBe("usage");
    if (parsed.kind === "usage") expect(parsed.problem).toBe(problem);
  });

  it("reads back every plan name the app's suggestions quote", () => {
    const segment = fc.string({
      unit: fc.constantFrom(..."aZ09 ._-'\"$()`;&|<>*?!#@~=%+,:{}[]é"),
      minLength: 1,
      maxLength: 12,
    });
    const names = fc
      .array(segment, { minLength: 1, maxLength: 3 })
      .map((segments) => segments.join("/"))
      // Not plan names the command takes: a `..` segment, a leading "-" (an option).
      .filter((name) => !/(^|\/)\.\.(\/|$)/.test(name) && !name.startsWith("-"));
    fc.assert(
      fc.property(names, (name) => {
        const parsed = parseCommand(
          `/parallel batch-subplans --plan ${commandWord(name)} --level 2`,
        );
        expect(parsed).toMatchObject({ kind: "command", args: { plan: name, level: 2 } });
      }),
      { numRuns: 1000 },
    );
  });
});
