/**
 * `parallel-plans next`: the list on the examples (text and JSON), and the interactive menu driven
 * through @inquirer/testing with the real @inquirer/select prompt.
 */
import { describe, expect, it } from "@jest/globals";
import select from "@inquirer/select";
import { render } from "@inquirer/testing";
import type { MenuPrompt } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { fakeIo, runCli } from "./harness.js";

/** A menu that presses `keys` then Enter in the real select prompt, keeping the screen shown. */
function scriptedMenu(keys: string[], screens: string[]): MenuPrompt {
  return async (config) => {
    const { answer, events, getScreen } = await render(select, config);
    screens.push(getScreen());
    for (const key of keys) events.keypress(key);
    events.keypress("enter");
    return answer;
  };
}

describe("parallel-plans next", () => {
  it("lists RELEASE-PIPELINE's choices with commands and the recovery of 2.2", async () => {
    const run = await runCli(process.cwd(), ["next", "examples/RELEASE-PIPELINE"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "PLAN: RELEASE-PIPELINE  examples/RELEASE-PIPELINE",
        "  1. Create SUBPLANs for level 2 (1 missing: 2.3)",
        "       $ parallel-plans prompt batch-subplans examples/RELEASE-PIPELINE --level 2",
        "  2. Recover 2.2 Container Image Published (failed, level 2)",
        "       retry: set its status from failed to in progress (what its files show), then run examples/RELEASE-PIPELINE/execution/EXECUTION_TASK_RELEASE-PIPELINE_22_01.md again (or add a new EXECUTION_TASK); about 4-6h",
        "       skip: set its status to skipped: 2.3 becomes ready; 2.3, 3.1 go on without its output",
        "       go sequential: one executor does 2.2, 2.3 one after another: 7-10h (no extra time: the level is sequential already)",
        "  Blocked: level 3 waits for 2.3 (not started)",
        "",
      ].join("\n"),
    );
  });

  it("lists level 3 of PARALLEL-EXECUTION-AUTOMATION with sequential vs parallel time", async () => {
    const run = await runCli(process.cwd(), ["next", "examples/PARALLEL-EXECUTION-AUTOMATION"]);
    expect(run.stdout).toContain(
      "  2. Execute level 3 in parallel (up to 3 executors): 3.2 can start now\n" +
        "       estimated 3-5h wall time for its 3 open achievements vs 7-11h one after another\n",
    );
  });

  it("prints one JSON document with the CLI command of each choice", async () => {
    const run = await runCli(process.cwd(), ["next", "examples", "--format", "json"]);
    const doc = JSON.parse(run.stdout) as {
      version: number;
      plans: { name: string; choices: { kind: string; command: string | null }[] }[];
    };
    expect(doc.version).toBe(1);
    const byName = Object.fromEntries(doc.plans.map((p) => [p.name, p.choices.map((c) => c.kind)]));
    expect(byName).toEqual({
      "API-DOCS-REFRESH": ["create-subplans", "create-executions"],
      "PARALLEL-EXECUTION-AUTOMATION": ["create-executions", "execute-level"],
      "RELEASE-PIPELINE": ["create-subplans", "recover"],
      "BROKEN-GRAPH": ["fix-errors"],
      "BROKEN-SYNTAX": ["fix-errors"],
      "EMPTY-PLAN": ["fix-errors"],
      "JSON-ONLY": ["create-subplans"],
      OVERSIZED: ["fix-errors"],
      "PLAN-ONLY": ["discover"],
    });
    expect(doc.plans[0]!.choices[0]!.command).toBe(
      "parallel-plans prompt batch-subplans examples/API-DOCS-REFRESH --level 1",
    );
    expect(run.code).toBe(1); // the broken examples have errors
  });

  it("asks on a terminal and prints the prompt of the choice taken", async () => {
    const screens: string[] = [];
    const io = fakeIo(process.cwd(), { isTTY: true });
    io.menu = scriptedMenu(["down"], screens);

    const code = await main(["node", "parallel-plans", "next", "examples/API-DOCS-REFRESH"], io);

    expect(screens[0]).toContain("What next?");
    expect(screens[0]).toContain("Create SUBPLANs for level 1 (4 missing: 1.1, 1.2, 1.4, 1.5)");
    const direct = await runCli(process.cwd(), [
      "prompt",
      "batch-executions",
      "examples/API-DOCS-REFRESH",
      "--level",
      "1",
    ]);
    expect(code).toBe(0);
    expect(io.out.join("")).toBe(direct.stdout);
    expect(io.out.join("")).toContain("Batch EXECUTION");
  });

  it("prints the execution brief when a level is chosen", async () => {
    const io = fakeIo(process.cwd(), { isTTY: true });
    io.menu = scriptedMenu(["down"], []);
    await main(["node", "parallel-plans", "next", "examples/PARALLEL-EXECUTION-AUTOMATION"], io);
    expect(io.out.join("")).toContain(
      "Hand each executor one EXECUTION_TASK:\n  3.2 Documentation and Examples Created: examples/PARALLEL-EXECUTION-AUTOMATION/execution/EXECUTION_TASK_PARALLEL-EXECUTION-AUTOMATION_32_01.md\n",
    );
  });

  it("prints nothing and exits 0 when the menu is left with Ctrl-C", async () => {
    const io = fakeIo(process.cwd(), { isTTY: true });
    io.menu = async (config) => {
      const { answer, events } = await render(select, config);
      events.keypress({ name: "c", ctrl: true });
      return answer;
    };
    const code = await main(["node", "parallel-plans", "next", "examples/RELEASE-PIPELINE"], io);
    expect(code).toBe(0);
    expect(io.out.join("")).toBe("");
  });

  it("prints the list instead of asking with --format text", async () => {
    const io = fakeIo(process.cwd(), { isTTY: true });
    io.menu = () => Promise.reject(new Error("no menu expected"));
    const code = await main(
      ["node", "parallel-plans", "next", "examples/RELEASE-PIPELINE", "--format", "text"],
      io,
    );
    expect(code).toBe(0);
    expect(io.out.join("")).toContain("Recover 2.2");
  });
});
