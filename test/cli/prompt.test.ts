/**
 * `parallel-plans prompt`: the same text the app posts (both call `buildPrompt`), notes on stderr,
 * exit 1 when there is nothing to prompt for, template overrides with `--templates`.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { buildPrompt } from "../../src/prompts/build-prompt.js";
import { defaultTemplates } from "../../src/prompts/templates.js";
import { EXAMPLE, EXAMPLE_DIR, OPTIONS, examplePlan } from "../prompts/example-plan.js";
import { makeTempDir, removeTempDir, runCli, writeTree } from "./harness.js";

let cwd: string;

beforeEach(async () => {
  cwd = await makeTempDir();
  await cp(`examples/${EXAMPLE}`, path.join(cwd, EXAMPLE_DIR), { recursive: true });
});
afterEach(async () => removeTempDir(cwd));

describe("parallel-plans prompt", () => {
  it("prints the batch EXECUTION prompt the app builds for the example, notes on stderr", async () => {
    const { plan, subplans } = examplePlan();
    const expected = buildPrompt({
      plan,
      subplans,
      templates: defaultTemplates(),
      patterns: OPTIONS.patterns,
      request: { kind: "batch-executions", level: 3, dryRun: false },
    });

    const run = await runCli(cwd, ["prompt", "batch-executions", EXAMPLE_DIR, "--level", "3"]);

    expect(run.code).toBe(0);
    expect(run.stdout === expected.prompt).toBe(true);
    expect(run.stderr).toBe("parallel-plans: note: already has an EXECUTION_TASK, left out: 3.2\n");
  });

  it.each(["discover", "batch-subplans", "batch-executions"] as const)(
    "prints the %s dry-run preview",
    async (kind) => {
      await rm(path.join(cwd, EXAMPLE_DIR, "subplans/SUBPLAN_PARALLEL-EXECUTION-AUTOMATION_31.md"));
      // 3.1 says subplan_created without its SUBPLAN now: an error, so the preview needs --force.
      const run = await runCli(cwd, ["prompt", kind, EXAMPLE_DIR, "--dry-run", "--force"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^═+\nDRY RUN: /);
      expect(run.stdout).toContain("Run without --dry-run to generate the prompt.\n");
    },
  );

  it("exits 1 with the reason and the next command when there is nothing to prompt for", async () => {
    const run = await runCli(cwd, ["prompt", "batch-subplans", EXAMPLE_DIR, "--level", "3"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `parallel-plans: every open achievement of level 3 already has a SUBPLAN (next: parallel-plans prompt batch-executions ${EXAMPLE_DIR} --level 3)\n`,
    );
  });

  it("uses the templates of --templates DIR", async () => {
    await writeTree(cwd, {
      "tpl/batch-executions.mustache": "{{#achievements}}{{id}} {{/achievements}}\n",
    });
    const run = await runCli(cwd, [
      "prompt",
      "batch-executions",
      EXAMPLE_DIR,
      "--templates",
      "tpl",
    ]);
    expect(run.stdout).toBe("3.1 3.3\n");
  });

  it.each([
    [
      ["prompt", "batch-subplans", EXAMPLE_DIR, "--level", "x"],
      '--level takes a level number, not "x"',
    ],
    [["prompt", "frob", EXAMPLE_DIR], "value 'frob' is invalid for argument 'kind'"],
    [
      ["prompt", "discover", EXAMPLE_DIR, "--templates", "nowhere"],
      "cannot read templates nowhere: not a folder",
    ],
  ])("refuses %j with exit 2", async (args, message) => {
    const run = await runCli(cwd, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it("wants one plan folder", async () => {
    await writeTree(cwd, { "work-space/plans/OTHER/PLAN_OTHER.md": "# x\n" });
    const run = await runCli(cwd, ["prompt", "discover", "work-space"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("work-space holds 2 plans");
  });
});

describe("parallel-plans prompt on plans with errors", () => {
  const root = process.cwd();

  it("refuses a batch prompt on a plan with a dependency cycle, pointing at validate", async () => {
    const run = await runCli(root, ["prompt", "batch-subplans", "examples/broken/BROKEN-GRAPH"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "parallel-plans: BROKEN-GRAPH has 12 validation errors: fix them first (validate lists them), or add --force to build the prompt anyway\n",
    );
  });

  it("builds it with --force and says so", async () => {
    const run = await runCli(root, [
      "prompt",
      "batch-subplans",
      "examples/broken/BROKEN-GRAPH",
      "--force",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Batch SUBPLAN Creation Prompt\n/);
    expect(run.stderr).toContain(
      "parallel-plans: note: --force: built despite 12 validation errors in BROKEN-GRAPH; its levels and statuses may be wrong (see validate)\n",
    );
  });

  it("says a parallel.json that does not parse is not usable (not that there is none)", async () => {
    const run = await runCli(root, ["prompt", "batch-subplans", "examples/broken/BROKEN-SYNTAX"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "parallel-plans: the parallel.json of BROKEN-SYNTAX is not usable (line 10, column 9: comma expected): fix it first (validate shows where)\n",
    );
  });

  it("treats a --level the plan does not have as a usage error", async () => {
    const run = await runCli(root, [
      "prompt",
      "batch-executions",
      "examples/RELEASE-PIPELINE",
      "--level",
      "4",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "parallel-plans: RELEASE-PIPELINE has no level 4 (its levels: 1, 2, 3)\n",
    );
  });
});
