/** A command line → command, unknown command (help) or usage problem, per the registry. */
import { describe, expect, it } from "@jest/globals";
import { parseCommand } from "../../src/commands/parse-command.js";

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
  ])("refuses %j with a usage problem", (line, problem) => {
    const parsed = parseCommand(line);
    expect(parsed.kind).toBe("usage");
    if (parsed.kind === "usage") expect(parsed.problem).toBe(problem);
  });
});
