/**
 * The batch prompts of seed 003 built from the example plan: which level and achievements they
 * cover, what they quote from the PLAN and the SUBPLANs, what they leave out (said, not silent),
 * the dry-run preview, and what happens with a broken or hostile template.
 */
import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { resolveOptions } from "../../src/core/options.js";
import { validateParallelSchema } from "../../src/core/parallel-schema.js";
import { buildPrompt } from "../../src/prompts/build-prompt.js";
import type { PromptRequest } from "../../src/prompts/prompt-types.js";
import { defaultTemplates, withOverrides } from "../../src/prompts/templates.js";
import {
  EXAMPLE_DIR,
  OPTIONS,
  examplePlan,
  levelThreeUnprepared,
  unprepared,
  type ExampleOptions,
} from "./example-plan.js";

function build(
  request: Partial<PromptRequest> & Pick<PromptRequest, "kind">,
  opts: ExampleOptions = {},
  templates = defaultTemplates(),
) {
  const { plan, subplans } = examplePlan(opts);
  return buildPrompt({
    plan,
    subplans,
    templates,
    patterns: OPTIONS.patterns,
    request: { level: null, dryRun: false, ...request },
  });
}

describe("batch EXECUTION creation", () => {
  it("covers the next ready level's achievements that lack an EXECUTION_TASK, and says which it leaves out", () => {
    const outcome = build({ kind: "batch-executions" });
    expect(outcome.level).toBe(3);
    expect(outcome.covered).toEqual(["3.1", "3.3"]);
    expect(outcome.title).toBe(
      "Batch EXECUTION creation: level 3 of PARALLEL-EXECUTION-AUTOMATION (2 of 3 achievements)",
    );
    expect(outcome.notes).toEqual([{ text: "already has an EXECUTION_TASK, left out: 3.2" }]);
    expect(outcome.problem).toBeNull();
  });

  it("quotes each SUBPLAN's objective, approach, deliverables and strategy, and names the output files", () => {
    const prompt = build({ kind: "batch-executions", level: 3 }).prompt ?? "";
    expect(prompt).toContain(
      "You are creating EXECUTIONs for Level 3 of PLAN: PARALLEL-EXECUTION-AUTOMATION.",
    );
    expect(prompt).toContain(
      `**SUBPLAN**: \`${EXAMPLE_DIR}/subplans/SUBPLAN_PARALLEL-EXECUTION-AUTOMATION_31.md\``,
    );
    expect(prompt).toContain(
      "- **Objective**: Turn the working parallel menu from 2.1 into one a first-time user can drive without the docs:\n  show progress per level",
    );
    expect(prompt).toContain("1. **Progress (45 min)**: per-level counts");
    expect(prompt).toContain(
      "- Pre-flight checklist\n- Updated `tests/generation/test_parallel_menu.py`",
    );
    expect(prompt).toContain(
      "**Execution Strategy**: Single execution: `EXECUTION_TASK_PARALLEL-EXECUTION-AUTOMATION_31_01.md` (to be regenerated).",
    );
    expect(prompt).toContain("**Coordination** (from SUBPLAN):\n\nDepends on 2.3.");
    expect(prompt).toContain(
      `1. \`${EXAMPLE_DIR}/execution/EXECUTION_TASK_PARALLEL-EXECUTION-AUTOMATION_31_01.md\`\n2. \`${EXAMPLE_DIR}/execution/EXECUTION_TASK_PARALLEL-EXECUTION-AUTOMATION_33_01.md\``,
    );
    expect(prompt).not.toContain("Achievement 3.2");
  });

  it("renders the ready ones and names those without a SUBPLAN, with how to create them", () => {
    const outcome = build({ kind: "batch-executions" }, unprepared(["3.3"]));
    expect(outcome.covered).toEqual(["3.1"]);
    expect(outcome.notes).toContainEqual({
      text: "partial: 1 achievement of level 3 has no SUBPLAN yet and is not in this prompt (3.3); create it with the batch SUBPLAN prompt, then run this one again for it",
      next: { kind: "batch-subplans", level: 3 },
    });
    expect(outcome.prompt).toContain(
      "The SUBPLANs of the achievements below exist and are ready for execution; the other achievements of this level are not part of this batch.",
    );
  });

  it("says what to do when no achievement of the level has a SUBPLAN", () => {
    const outcome = build({ kind: "batch-executions" }, levelThreeUnprepared());
    expect(outcome.prompt).toBeNull();
    expect(outcome.problem).toEqual({
      text: "no achievement of level 3 has a SUBPLAN without an EXECUTION_TASK; 3.1, 3.2, 3.3 need a SUBPLAN first",
      next: { kind: "batch-subplans", level: 3 },
    });
  });

  it("says when the SUBPLAN text could not be read instead of inventing it", () => {
    const { plan } = examplePlan();
    const outcome = buildPrompt({
      plan,
      subplans: new Map(),
      templates: defaultTemplates(),
      patterns: OPTIONS.patterns,
      request: { kind: "batch-executions", level: 3, dryRun: false },
    });
    expect(outcome.prompt).toContain(
      `- **Objective**: (SUBPLAN text not available: read ${EXAMPLE_DIR}/subplans/SUBPLAN_PARALLEL-EXECUTION-AUTOMATION_31.md)`,
    );
  });
});

describe("batch SUBPLAN creation", () => {
  it("quotes purpose, what, success, deliverables and approach from the PLAN, with dependencies and their status", () => {
    const outcome = build({ kind: "batch-subplans" }, levelThreeUnprepared());
    expect(outcome.covered).toEqual(["3.1", "3.2", "3.3"]);
    const prompt = outcome.prompt ?? "";
    expect(prompt).toContain(
      "These achievements can be executed in parallel because they are independent (at most 3 at a time).",
    );
    expect(prompt).toContain("### Achievement 3.2: Documentation and Examples Created");
    expect(prompt).toContain(
      "- **Purpose**: Let people adopt parallel execution without asking the authors.",
    );
    expect(prompt).toContain(
      "- **What**: User guide, best practices, a methodology update and worked examples.",
    );
    expect(prompt).toContain(
      "- **Success**: Two readers complete the workflow on their own PLAN using only the docs.",
    );
    expect(prompt).toContain("- **Estimated**: 3-5 hours");
    expect(prompt).toContain("- **Dependencies**: 2.3 Batch EXECUTION Creation (complete)");
    expect(prompt).toContain("- **Blocks**: none");
    expect(prompt).toContain(
      "2. `documentation/PARALLEL-EXECUTION-BEST-PRACTICES.md` (when to parallelize, coordination,\n   pitfalls, performance)",
    );
    expect(prompt).toContain("Write the guide from the commands that exist now;");
    expect(prompt).toContain(
      `3. \`${EXAMPLE_DIR}/subplans/SUBPLAN_PARALLEL-EXECUTION-AUTOMATION_33.md\``,
    );
    expect(prompt).toContain("- [ ] Self-contained (no cross-references to other SUBPLANs)");
  });

  it("has nothing to create when every SUBPLAN of the level exists, and points at the next step", () => {
    const outcome = build({ kind: "batch-subplans", level: 3 });
    expect(outcome.prompt).toBeNull();
    expect(outcome.problem).toEqual({
      text: "every open achievement of level 3 already has a SUBPLAN",
      next: { kind: "batch-executions", level: 3 },
    });
  });

  it("refuses a level whose dependencies are not complete, naming them", () => {
    // Without 2.3's APPROVED file, 3.2 in progress is an error too: --force gets past it.
    const outcome = build(
      { kind: "batch-subplans", level: 3, force: true },
      { without: (rel) => rel === "execution/feedbacks/APPROVED_23.md" },
    );
    expect(outcome.problem?.text).toBe(
      "level 3 is not ready: 2.3 (in progress) must be complete first",
    );
  });

  it("refuses a level the plan does not have", () => {
    expect(build({ kind: "batch-subplans", level: 9 }).problem?.text).toBe(
      "PARALLEL-EXECUTION-AUTOMATION has no level 9 (levels: 1, 2, 3)",
    );
  });

  const withUnknownDependency: ExampleOptions = {
    ...levelThreeUnprepared(),
    edit: {
      "parallel.json": (t) =>
        (levelThreeUnprepared().edit?.["parallel.json"]?.(t) ?? t).replace(
          '"dependencies": [\n            "2.3"\n          ]',
          '"dependencies": ["2.3", "9.9"]',
        ),
    },
  };

  it("refuses a plan with validation errors, pointing at validate and --force", () => {
    const outcome = build({ kind: "batch-subplans" }, withUnknownDependency);
    expect(outcome.prompt).toBeNull();
    expect(outcome.problem).toEqual({
      text: "PARALLEL-EXECUTION-AUTOMATION has 1 validation error: fix it first (validate lists it), or add --force to build the prompt anyway",
    });
  });

  it("builds it with --force and says --force was used", () => {
    const outcome = build({ kind: "batch-subplans", force: true }, withUnknownDependency);
    expect(outcome.notes[0]?.text).toBe(
      "--force: built despite 1 validation error in PARALLEL-EXECUTION-AUTOMATION; its levels and statuses may be wrong (see validate)",
    );
    expect(outcome.prompt).not.toBeNull();
  });

  it("says a parallel.json that does not parse is not usable, even with --force", () => {
    const outcome = build(
      { kind: "batch-subplans", force: true },
      { edit: { "parallel.json": (t) => t.slice(0, 40) } },
    );
    expect(outcome.problem?.text).toMatch(
      /^the parallel\.json of PARALLEL-EXECUTION-AUTOMATION is not usable \(line \d+, column \d+: .+\): fix it first \(validate shows where\)$/,
    );
  });
});

describe("dry run", () => {
  it("previews the SUBPLANs, their paths, estimates and the sequential against parallel time (seed 003, Gap 7)", () => {
    const outcome = build({ kind: "batch-subplans", dryRun: true }, levelThreeUnprepared());
    expect(outcome.prompt).toBeNull();
    expect(outcome.preview).toBe(
      [
        "═══════════════════════════════════════════════════════",
        "DRY RUN: Batch SUBPLAN Creation Preview",
        "═══════════════════════════════════════════════════════",
        "",
        "PLAN: PARALLEL-EXECUTION-AUTOMATION · Level 3 (parallel)",
        "",
        "Will create SUBPLANs for:",
        "  ✅ Achievement 3.1: Interactive Menu Polished",
        "     - Dependencies: 2.3 Batch EXECUTION Creation (complete)",
        "     - Estimated: 2-3 hours",
        `     - Path: ${EXAMPLE_DIR}/subplans/SUBPLAN_PARALLEL-EXECUTION-AUTOMATION_31.md`,
        "  ✅ Achievement 3.2: Documentation and Examples Created",
        "     - Dependencies: 2.3 Batch EXECUTION Creation (complete)",
        "     - Estimated: 3-5 hours",
        `     - Path: ${EXAMPLE_DIR}/subplans/SUBPLAN_PARALLEL-EXECUTION-AUTOMATION_32.md`,
        "  ✅ Achievement 3.3: Testing and Validation",
        "     - Dependencies: 2.3 Batch EXECUTION Creation (complete)",
        "     - Estimated: 2-3 hours",
        `     - Path: ${EXAMPLE_DIR}/subplans/SUBPLAN_PARALLEL-EXECUTION-AUTOMATION_33.md`,
        "",
        "Total: 3 SUBPLANs",
        "Estimated time: 7-11h (sequential) or 3-5h (parallel)",
        "",
        "Run without --dry-run to generate the prompt.",
      ].join("\n"),
    );
  });

  it("lists what a batch EXECUTION run would leave out", () => {
    const preview = build({ kind: "batch-executions", dryRun: true }).preview ?? "";
    expect(preview).toContain(
      "Not included:\n  ⏭️ Achievement 3.2: Documentation and Examples Created — already has an EXECUTION_TASK",
    );
    expect(preview).toContain("Estimated time: 4-6h (sequential) or 2-3h (parallel)");
  });

  it("previews discovery: the file it writes and the achievements found", () => {
    const preview = build({ kind: "discover", dryRun: true }).preview ?? "";
    expect(preview).toContain(
      `Will create: ${EXAMPLE_DIR}/parallel.json (replacing the existing one)`,
    );
    expect(preview).toContain("  • 3.3: Testing and Validation (2-3 hours)");
    expect(preview).toContain("Estimated time: 24-36h (sequential)");
  });
});

describe("parallel discovery", () => {
  it("shows an example parallel.json that the schema and every rule accept", () => {
    const prompt = build({ kind: "discover" }).prompt ?? "";
    const example = /A short example of the shape[^\n]*\n\n```json\n([\s\S]*?)\n```/.exec(
      prompt,
    )?.[1];
    expect(example).toBeDefined();
    expect(validateParallelSchema(JSON.parse(example!))).toEqual([]);
    const report = analyzeSnapshot(
      {
        files: new Map([
          ["parallel.json", { path: "parallel.json", size: example!.length, content: example! }],
        ]),
        rootName: "EXAMPLE",
      },
      resolveOptions(),
    );
    // Alone, without its PLAN, the folder only earns the missing-PLAN notice.
    const findings = report.plans[0]?.findings.filter((f) => f.rule !== "missing-plan-markdown");
    expect(findings).toEqual([]);
    expect(report.plans[0]?.figures?.saved).toEqual({ min: 2, max: 3 });
  });

  it("lists the PLAN's achievement inventory, the analysis framework, the independence criteria and the schema", () => {
    const outcome = build({ kind: "discover" });
    expect(outcome.covered).toHaveLength(9);
    const prompt = outcome.prompt ?? "";
    expect(prompt).toContain(
      "You are analyzing PLAN: PARALLEL-EXECUTION-AUTOMATION to identify parallel execution opportunities.",
    );
    expect(prompt).toContain(
      "The PLAN describes 9 achievements (total estimate: 24-36h sequential):",
    );
    expect(prompt).toContain(
      "#### Achievement 2.2: Batch SUBPLAN Creation\n\n- **Estimated**: 3-4 hours\n- **Purpose**: Prepare a whole level with one prompt.\n- **Dependencies stated in the PLAN**: 2.1",
    );
    expect(prompt).toContain("### Independence Validation Criteria");
    expect(prompt).toContain('"$id": "https://parallel-plans.dev/schemas/parallel.schema.json"');
    expect(prompt).toContain("- [ ] Reviews are independent");
  });

  it("works for a plan that has a PLAN but no parallel.json yet", () => {
    const outcome = build(
      { kind: "discover" },
      { from: "examples/broken/PLAN-ONLY", dir: "work-space/plans/PLAN-ONLY" },
    );
    expect(outcome.problem).toBeNull();
    expect(outcome.prompt).not.toContain("A parallel.json already exists");
    expect(outcome.covered.length).toBeGreaterThan(0);
  });

  it("shows terminal escapes from dependencies read from parallel.json escaped", () => {
    const outcome = build(
      { kind: "discover" },
      {
        without: (rel) => rel.startsWith("PLAN_"),
        edit: {
          "parallel.json": (t) =>
            t.replace('"dependencies": ["2.3"]', '"dependencies": ["2.3", "9.9\\u001b[2J"]'),
        },
      },
    );
    expect(outcome.prompt).toContain("2.3, 9.9\\u001B[2J");
    expect(outcome.prompt).not.toContain("\u001b");
  });
});

describe("templates", () => {
  it("uses a repository override, logic-less", () => {
    const templates = withOverrides(
      defaultTemplates(),
      new Map([
        [
          "batch-executions.mustache",
          "Level {{level.number}}:{{#achievements}} {{id}}{{/achievements}}\n",
        ],
      ]),
    );
    expect(build({ kind: "batch-executions" }, {}, templates).prompt).toBe("Level 3: 3.1 3.3\n");
  });

  it("ends the prompt with one newline, in linear time on long whitespace runs", () => {
    const body = `Level {{level.number}}${" \n".repeat(30_000)}end \n\n\t`;
    const templates = withOverrides(
      defaultTemplates(),
      new Map([["batch-executions.mustache", body]]),
    );
    const start = performance.now();
    const prompt = build({ kind: "batch-executions" }, {}, templates).prompt;
    expect(performance.now() - start).toBeLessThan(2000);
    expect(prompt).toBe(`Level 3${" \n".repeat(30_000)}end\n`);
  });

  it("reports a broken override with its path instead of a prompt", () => {
    const templates = withOverrides(
      defaultTemplates(),
      new Map([["discover.mustache", "{{#achievements}}never closed"]]),
    );
    expect(build({ kind: "discover" }, {}, templates).problem?.text).toBe(
      'template .github/parallel-plans/templates/discover.mustache is not valid mustache: Unclosed section "achievements" at 29',
    );
  });

  it("refuses a template whose nested lists would multiply the output", () => {
    const bomb = "{{#achievements}}".repeat(6) + "x".repeat(2000) + "{{/achievements}}".repeat(6);
    const templates = withOverrides(defaultTemplates(), new Map([["discover.mustache", bomb]]));
    expect(build({ kind: "discover" }, {}, templates).problem?.text).toMatch(
      /could render about \d+ million characters/,
    );
  });

  it("keeps plan text verbatim but shows terminal escapes and bidi overrides escaped", () => {
    const outcome = build(
      { kind: "discover" },
      {
        edit: {
          "PLAN_PARALLEL-EXECUTION-AUTOMATION.md": (t) =>
            t.replace(
              "Prepare a whole level with one prompt.",
              "Prepare \u001b[31m@team <b>\u202Eall</b>.",
            ),
        },
      },
    );
    expect(outcome.prompt).toContain("- **Purpose**: Prepare \\u001B[31m@team <b>\\u202Eall</b>.");
    expect(outcome.prompt).not.toContain("\u001b");
    expect(outcome.prompt).not.toContain("\u202E");
  });
});
