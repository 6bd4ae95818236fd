/**
 * validate / status / graph end to end: real plan folders on disk, the real analysis and
 * renderers, run in-process.
 */
import { cp } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import {
  BROKEN_PLAN,
  DRIFTING_PLAN,
  DRIFTING_SUBPLAN,
  GOOD_PLAN,
  makeTempDir,
  removeTempDir,
  runCli,
  writeTree,
} from "./harness.js";

const EXAMPLE = "PARALLEL-EXECUTION-AUTOMATION";
const examplesDir = fileURLToPath(new URL("../../examples", import.meta.url));

interface JsonReport {
  plans: {
    name: string;
    dir: string;
    ok: boolean;
    findings: { rule: string; severity: string; file: string; line: number }[];
  }[];
}

let cwd: string;

beforeEach(async () => {
  cwd = await makeTempDir();
  await writeTree(cwd, {
    "plans/GOOD/parallel.json": GOOD_PLAN,
    "plans/DRIFTING/parallel.json": DRIFTING_PLAN,
    [`plans/DRIFTING/${DRIFTING_SUBPLAN}`]: "# SUBPLAN 1.1\n",
    "broken/BROKEN/parallel.json": BROKEN_PLAN,
  });
});

afterEach(async () => {
  await removeTempDir(cwd);
});

describe("validate", () => {
  it("exits 0 for a plan without findings", async () => {
    const run = await runCli(cwd, ["validate", "plans/GOOD"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("exits 0 with warnings, and 1 with --strict", async () => {
    const run = await runCli(cwd, ["validate", "--format", "json", "plans/DRIFTING"]);
    expect(run.code).toBe(0);
    const findings = (JSON.parse(run.stdout) as JsonReport).plans[0]?.findings ?? [];
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ["missing-plan-markdown", "notice"],
      ["status-drift", "warning"],
    ]);
    expect((await runCli(cwd, ["validate", "--strict", "plans/DRIFTING"])).code).toBe(1);
  });

  it("exits 1 when a plan has an error", async () => {
    const run = await runCli(cwd, ["validate", "plans", "broken"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
  });

  it("prints exactly one JSON document with paths under the PATHs typed", async () => {
    const run = await runCli(cwd, ["validate", "--format", "json", "plans/", "./broken"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.plans.map((p) => [p.name, p.dir, p.ok])).toEqual([
      ["DRIFTING", "plans/DRIFTING", true],
      ["GOOD", "plans/GOOD", true],
      ["BROKEN", "broken/BROKEN", false],
    ]);
    const broken = report.plans[2]?.findings ?? [];
    expect(broken).toContainEqual(
      expect.objectContaining({
        rule: "unknown-dependency",
        severity: "error",
        file: "broken/BROKEN/parallel.json",
      }),
    );
  });

  it("accepts a parallel.json as PATH and reports its plan", async () => {
    const run = await runCli(cwd, ["validate", "--format", "json", "broken/BROKEN/parallel.json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.plans.map((p) => p.dir)).toEqual(["broken/BROKEN"]);
    expect(report.plans[0]?.findings[0]?.file).toBe("broken/BROKEN/parallel.json");
  });

  it("reports the root plan with bare paths when PATH is '.'", async () => {
    const run = await runCli(path.join(cwd, "broken", "BROKEN"), ["validate", "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.plans.map((p) => [p.name, p.dir])).toEqual([["BROKEN", "."]]);
    expect(report.plans[0]?.findings[0]?.file).toBe("parallel.json");
    const text = await runCli(path.join(cwd, "broken", "BROKEN"), ["validate"]);
    expect(text.stdout.split("\n")[0]).toBe("✖ BROKEN  .");
  });

  describe("--config with a PATH below the repository root", () => {
    beforeEach(async () => {
      await writeTree(cwd, {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".github/parallel-plans.yml": "plans: ['plans/*']\nfail_on: warning\n",
      });
    });

    it.each([
      ["a single plan folder", "plans/GOOD", ["plans/GOOD"]],
      ["a folder of plans", "plans", ["plans/DRIFTING", "plans/GOOD"]],
      ["the repository root", ".", ["plans/DRIFTING", "plans/GOOD"]],
    ])("finds the plans of %s (globs relative to the root)", async (_name, target, dirs) => {
      const run = await runCli(cwd, [
        "validate",
        "--format",
        "json",
        "--config",
        ".github/parallel-plans.yml",
        target,
      ]);
      expect((JSON.parse(run.stdout) as JsonReport).plans.map((p) => p.dir)).toEqual(dirs);
      // fail_on: warning is applied: DRIFTING has a warning.
      expect(run.code).toBe(dirs.includes("plans/DRIFTING") ? 1 : 0);
    });

    it("says which globs excluded a folder outside them", async () => {
      const run = await runCli(cwd, [
        "validate",
        "--config",
        ".github/parallel-plans.yml",
        "broken",
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        "parallel-plans: no plan found in broken under the config's plans (plans/*, relative to the repository root): a plan folder holds a parallel.json or a PLAN markdown\n",
      );
    });
  });

  it("run inside a plan's subplans/ folder, checks the enclosing plan", async () => {
    const inside = path.join(cwd, "plans", "DRIFTING", "subplans");
    const run = await runCli(inside, ["validate", "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.plans.map((p) => [p.name, p.dir])).toEqual([["DRIFTING", ".."]]);
    expect(report.plans[0]?.findings[0]?.file).toBe("../parallel.json");
  });

  it("takes file paths (as pre-commit passes them) and checks each plan once", async () => {
    const run = await runCli(cwd, [
      "validate",
      "--format",
      "json",
      `plans/DRIFTING/${DRIFTING_SUBPLAN}`,
      "plans/DRIFTING/parallel.json",
      "broken/BROKEN/parallel.json",
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.plans.map((p) => p.dir)).toEqual(["plans/DRIFTING", "broken/BROKEN"]);
    expect(run.code).toBe(1);
  });

  it("refuses a file outside every plan in one sentence", async () => {
    await writeTree(cwd, { "docs/notes.md": "x", ".git/HEAD": "ref: refs/heads/main\n" });
    const run = await runCli(cwd, ["validate", "docs/notes.md"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "parallel-plans: docs/notes.md is not in a plan folder: neither its folder nor one above holds a parallel.json or a PLAN markdown\n",
    );
  });

  it("prints SARIF as one JSON document", async () => {
    const run = await runCli(cwd, ["validate", "--format", "sarif", "broken"]);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout) as { version: string; runs: unknown[] };
    expect(sarif.version).toBe("2.1.0");
    expect(run.stdout).toContain("broken/BROKEN/parallel.json");
  });

  it("writes SARIF paths from the repository root, the same from any folder", async () => {
    await writeTree(cwd, { ".git/HEAD": "ref: refs/heads/main\n" });
    const sarifFrom = async (folder: string, target: string) => {
      const run = await runCli(path.join(cwd, folder), ["validate", "--format", "sarif", target]);
      const log = JSON.parse(run.stdout) as {
        runs: {
          results: {
            locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
            partialFingerprints: Record<string, string>;
          }[];
        }[];
      };
      return log.runs[0]!.results.map((r) => ({
        uri: r.locations[0]!.physicalLocation.artifactLocation.uri,
        fingerprint: r.partialFingerprints["parallelPlans/v1"],
      }));
    };
    const fromRoot = await sarifFrom(".", "broken");
    expect(fromRoot.length).toBeGreaterThan(0);
    expect(fromRoot.every((r) => r.uri === "broken/BROKEN/parallel.json")).toBe(true);
    expect(await sarifFrom("broken/BROKEN", ".")).toEqual(fromRoot);
    expect(await sarifFrom("plans", "../broken")).toEqual(fromRoot);
  });

  it("prints markdown", async () => {
    const run = await runCli(cwd, ["validate", "--format", "markdown", "broken"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("unknown-dependency");
  });

  it.each([
    ["a pipe", {}, false, false],
    ["a terminal", {}, true, true],
    ["a terminal with NO_COLOR", { NO_COLOR: "1" }, true, false],
    ["a pipe with FORCE_COLOR", { FORCE_COLOR: "1" }, false, true],
  ])("colours text on %s: %s", async (_name, env, isTTY, coloured) => {
    const run = await runCli(cwd, ["validate", "broken"], { env, isTTY });
    expect(run.stdout.includes("\u001b[")).toBe(coloured);
  });

  it("applies --config: fail_on warning fails a plan with warnings", async () => {
    await writeTree(cwd, { "c.yml": "plans: ['plans/*']\nfail_on: warning\n" });
    const run = await runCli(cwd, ["validate", "--config", "c.yml", "plans"]);
    expect(run.code).toBe(1);
  });

  it("applies --config: plan globs limit which folders are plans", async () => {
    await writeTree(cwd, { "c.yml": "plans: ['plans/GOOD']\n" });
    const run = await runCli(cwd, ["validate", "--format", "json", "--config", "c.yml", "plans"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.plans.map((p) => p.dir)).toEqual(["plans/GOOD"]);
  });

  it("validates the example plan shipped in examples/", async () => {
    await cp(path.join(examplesDir, EXAMPLE), path.join(cwd, "examples", EXAMPLE), {
      recursive: true,
    });
    const run = await runCli(cwd, ["validate", "--format", "json", "examples"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.plans.map((p) => p.dir)).toEqual([`examples/${EXAMPLE}`]);
    for (const finding of report.plans[0]?.findings ?? []) {
      expect(finding.file.startsWith(`examples/${EXAMPLE}/`)).toBe(true);
    }
  });
});

describe("status", () => {
  it("prints one JSON document and exits like validate", async () => {
    const good = await runCli(cwd, ["status", "--format", "json", "plans/GOOD"]);
    expect(good.code).toBe(0);
    const report = JSON.parse(good.stdout) as JsonReport;
    expect(report.plans.map((p) => p.dir)).toEqual(["plans/GOOD"]);
    expect((await runCli(cwd, ["status", "broken"])).code).toBe(1);
  });

  it("names a plan whose parallel.json does not parse or is missing, and exits 1", async () => {
    await writeTree(cwd, {
      "bad/X/parallel.json": "{ nope",
      "bad/X/PLAN_X.md": "# PLAN\n",
      "bad/Y/PLAN_Y.md": "# PLAN\n",
    });
    const run = await runCli(cwd, ["status", "bad", "plans/GOOD"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("plans/GOOD");
    expect(run.stdout).not.toContain("0/0");
    expect(run.stderr).toBe(
      [
        "parallel-plans: bad/X has no usable parallel.json: bad/X/parallel.json:1:3: invalid symbol",
        "parallel-plans: bad/Y has no parallel.json: generate one with `parallel-plans prompt discover bad/Y`",
        "",
      ].join("\n"),
    );
  });

  it("prints text naming the plan", async () => {
    const run = await runCli(cwd, ["status", "plans/GOOD"]);
    expect(run.stdout).toContain("GOOD");
  });
});

describe("graph", () => {
  it("prints a Mermaid flowchart of one plan", async () => {
    const run = await runCli(cwd, ["graph", "plans/GOOD"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^(flowchart|graph) /m);
  });

  it("prints Graphviz DOT", async () => {
    const run = await runCli(cwd, ["graph", "plans/GOOD", "--format", "dot"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/digraph/);
  });

  it("still draws a plan with errors", async () => {
    expect((await runCli(cwd, ["graph", "broken"])).code).toBe(0);
  });

  it.each([
    [
      "does not parse",
      { "bad/X/parallel.json": "{ nope", "bad/X/PLAN_X.md": "# PLAN\n" },
      "parallel-plans: cannot draw the graph: bad/X has no usable parallel.json: bad/X/parallel.json:1:3: invalid symbol\n",
    ],
    [
      "is missing",
      { "bad/X/PLAN_X.md": "# PLAN\n" },
      "parallel-plans: cannot draw the graph: bad/X has no parallel.json: generate one with `parallel-plans prompt discover bad/X`\n",
    ],
  ])("says so and exits 1 when parallel.json %s", async (_name, files, message) => {
    await writeTree(cwd, files);
    const run = await runCli(cwd, ["graph", "bad/X"]);
    expect(run).toEqual({ code: 1, stdout: "", stderr: message });
  });

  it("refuses a PATH holding several plans, listing them", async () => {
    const run = await runCli(cwd, ["graph", "plans"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "parallel-plans: plans holds 2 plans (plans/DRIFTING, plans/GOOD); give one plan folder\n",
    );
  });

  it("refuses a PATH holding no plan", async () => {
    await writeTree(cwd, { "empty/notes.md": "x" });
    const run = await runCli(cwd, ["graph", "empty"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "parallel-plans: no plan found in empty: a plan folder holds a parallel.json or a PLAN markdown\n",
    );
  });
});
