/**
 * `parallel-plans sync PATH [--write]` end to end, in-process: a unified diff with a/ b/ paths
 * relative to the working folder and exit 1 on drift, 0 without; `--write` writes the file in one
 * rename and exits 0; a parallel.json that cannot be edited gets one line on stderr and exit 2.
 */
import {
  cp,
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  symlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { applyPatch } from "diff";
import { makeTempDir, removeTempDir, runCli } from "./harness.js";

const PEA = "PARALLEL-EXECUTION-AUTOMATION";
const APPROVED_31 = "execution/feedbacks/APPROVED_31.md";

let cwd: string;

beforeEach(async () => {
  cwd = await makeTempDir();
  await cp("examples", path.join(cwd, "examples"), { recursive: true });
});

afterEach(async () => {
  await removeTempDir(cwd);
});

async function add(relPath: string): Promise<void> {
  await mkdir(path.dirname(path.join(cwd, relPath)), { recursive: true });
  await writeFile(path.join(cwd, relPath), "# added\n");
}

const read = (relPath: string) => readFile(path.join(cwd, relPath), "utf8");

describe("sync", () => {
  it.each([`examples/${PEA}`, `examples/${PEA}/parallel.json`])(
    "exits 0 and prints nothing for %s, in step with its files",
    async (target) => {
      expect(await runCli(cwd, ["sync", target])).toEqual({
        code: 0,
        stdout: "",
        stderr: "",
      });
    },
  );

  it("prints a unified diff with a/ b/ paths from the working folder and exits 1 on drift", async () => {
    await add(`examples/${PEA}/${APPROVED_31}`);
    const file = `examples/${PEA}/parallel.json`;
    const before = await read(file);

    const run = await runCli(path.join(cwd, "examples"), ["sync", PEA]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      `--- a/${PEA}/parallel.json`,
      `+++ b/${PEA}/parallel.json`,
      "@@ -136,9 +136,9 @@",
    ]);
    expect(run.stdout).toContain(
      '-          "status": "subplan_created",\n+          "status": "complete",\n',
    );
    expect(applyPatch(before, run.stdout)).toBe(
      await readFile(`test/fixtures/sync/${PEA}.approved-31.parallel.json`, "utf8"),
    );
    expect(await read(file)).toBe(before);
  });

  it("--write writes the expected file byte for byte, leaves no temp file, and exits 0", async () => {
    await add(`examples/${PEA}/${APPROVED_31}`);

    const run = await runCli(cwd, ["sync", "--write", `examples/${PEA}`]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`+++ b/examples/${PEA}/parallel.json`);
    expect(await read(`examples/${PEA}/parallel.json`)).toBe(
      await readFile(`test/fixtures/sync/${PEA}.approved-31.parallel.json`, "utf8"),
    );
    expect(
      (await readdir(path.join(cwd, "examples", PEA))).filter((f) => f.endsWith(".tmp")),
    ).toEqual([]);
    expect(await runCli(cwd, ["sync", `examples/${PEA}`])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
  });

  it("syncs every plan below a folder, reports each one it cannot edit on stderr, and exits 2", async () => {
    await add(`examples/${PEA}/${APPROVED_31}`);

    const run = await runCli(cwd, ["sync", "--write", "examples"]);

    expect(run.code).toBe(2);
    expect(run.stdout.match(/^\+\+\+ b\/.*$/gm)).toEqual([
      `+++ b/examples/${PEA}/parallel.json`,
      "+++ b/examples/broken/BROKEN-GRAPH/parallel.json",
    ]);
    expect(run.stderr.split("\n").filter((l) => !l.includes(" note: "))).toEqual([
      "parallel-plans: examples/broken/BROKEN-SYNTAX/parallel.json not synced: it does not parse (comma expected at line 10, column 9): fix it first",
      "",
    ]);
    expect(run.stderr).toContain(
      "parallel-plans: note: examples/broken/BROKEN-GRAPH/parallel.json: 1.10 left as written: it shares the file token",
    );
    expect(await read(`examples/broken/BROKEN-GRAPH/parallel.json`)).toBe(
      await readFile("test/fixtures/sync/BROKEN-GRAPH.as-is.parallel.json", "utf8"),
    );
  });

  it("round trip: after sync --write, validate reports no status-drift in any example", async () => {
    await add(`examples/${PEA}/execution/EXECUTION_TASK_${PEA}_33_01.md`);
    await add("examples/RELEASE-PIPELINE/subplans/SUBPLAN_RELEASE-PIPELINE_23.md");
    await runCli(cwd, ["sync", "--write", "examples"]);

    const run = await runCli(cwd, ["validate", "--format", "json", "examples"]);

    const report = JSON.parse(run.stdout) as { plans: { findings: { rule: string }[] }[] };
    expect(report.plans.length).toBeGreaterThanOrEqual(7);
    expect(
      report.plans.flatMap((p) => p.findings).filter((f) => f.rule === "status-drift"),
    ).toEqual([]);
    const again = await runCli(cwd, ["sync", "examples"]);
    expect(again.stdout).toBe("");
  });

  it.each([
    [["sync"], "missing required argument 'path'"],
    [["sync", "nowhere"], "cannot read nowhere: no such file or directory"],
    [
      ["sync", "examples/broken/BROKEN-SYNTAX/PLAN_BROKEN-SYNTAX.md", "--config", "missing.yml"],
      "cannot read config missing.yml",
    ],
  ])("exits 2 with one line on stderr for %j", async (args, message) => {
    const run = await runCli(cwd, args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });
});

describe("sync --write safety", () => {
  const plan = `examples/${PEA}`;
  const file = `${plan}/parallel.json`;

  it("keeps the previous file as parallel.json.bak with --backup, and says so", async () => {
    await add(`${plan}/${APPROVED_31}`);
    const before = await read(file);

    const run = await runCli(cwd, ["sync", plan, "--write", "--backup"]);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`parallel-plans: note: the previous ${file} is kept as ${file}.bak\n`);
    expect(await read(`${file}.bak`)).toBe(before);
    expect(await read(file)).not.toBe(before);
    // The backup is not a plan input: the plan is now in step and reads the same.
    expect((await runCli(cwd, ["sync", plan])).code).toBe(0);
  });

  it("writes through a symbolic link whose target is inside the plan folder, keeping the link", async () => {
    await add(`${plan}/${APPROVED_31}`);
    const real = path.join(cwd, plan, "versions", "parallel.v2.json");
    await mkdir(path.dirname(real), { recursive: true });
    await rename(path.join(cwd, file), real);
    await symlink(path.join("versions", "parallel.v2.json"), path.join(cwd, file));

    const run = await runCli(cwd, ["sync", plan, "--write"]);

    expect(run.code).toBe(0);
    expect((await lstat(path.join(cwd, file))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, "utf8")).toContain('"status": "complete"');
    expect((await runCli(cwd, ["sync", plan])).code).toBe(0);
  });

  it("refuses a symbolic link to a file outside the plan folder and leaves both alone", async () => {
    await add(`${plan}/${APPROVED_31}`);
    // Inside the repository (a link leaving it is never even read), outside the plan folder.
    await mkdir(path.join(cwd, ".git"));
    const outside = path.join(cwd, "elsewhere.json");
    await rename(path.join(cwd, file), outside);
    await symlink(outside, path.join(cwd, file));
    const before = await readFile(outside, "utf8");

    const run = await runCli(cwd, ["sync", plan, "--write"]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `parallel-plans: ${file} is a symbolic link to a file outside its plan folder (${await realpath(outside)}): not written; sync the target's own plan, or replace the link with a file\n`,
    );
    expect(await readFile(outside, "utf8")).toBe(before);
    expect((await lstat(path.join(cwd, file))).isSymbolicLink()).toBe(true);
  });

  describe("over several plans", () => {
    const later = "examples/RELEASE-PIPELINE";
    const laterSubplan = `${later}/subplans/SUBPLAN_RELEASE-PIPELINE_23.md`;

    it("goes on after a plan it refuses to write, shows no diff for it, and exits 2 at the end", async () => {
      await add(`${plan}/${APPROVED_31}`);
      await add(laterSubplan);
      await mkdir(path.join(cwd, ".git"));
      const outside = path.join(cwd, "elsewhere.json");
      await rename(path.join(cwd, file), outside);
      await symlink(outside, path.join(cwd, file));
      const before = await readFile(outside, "utf8");

      const run = await runCli(cwd, ["sync", "examples", "--write"]);

      expect(run.code).toBe(2);
      expect(run.stderr.split("\n").filter((l) => !l.includes(" note: "))).toEqual([
        `parallel-plans: ${file} is a symbolic link to a file outside its plan folder (${await realpath(outside)}): not written; sync the target's own plan, or replace the link with a file`,
        "parallel-plans: examples/broken/BROKEN-SYNTAX/parallel.json not synced: it does not parse (comma expected at line 10, column 9): fix it first",
        "",
      ]);
      // Only what was written is shown.
      expect(run.stdout.match(/^\+\+\+ b\/.*$/gm)).toEqual([
        `+++ b/${later}/parallel.json`,
        "+++ b/examples/broken/BROKEN-GRAPH/parallel.json",
      ]);
      expect((await runCli(cwd, ["sync", later])).code).toBe(0);
      expect(await readFile(outside, "utf8")).toBe(before);
    });

    it("goes on after a plan whose backup it cannot replace", async () => {
      await add(`${plan}/${APPROVED_31}`);
      await add(laterSubplan);
      await symlink("nowhere.json", path.join(cwd, `${file}.bak`));
      const before = await read(file);

      const run = await runCli(cwd, ["sync", "examples", "--write", "--backup"]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `parallel-plans: ${file}.bak is a symbolic link: not replaced; remove it first\n`,
      );
      expect(run.stdout).not.toContain(`+++ b/${file}`);
      expect(await read(file)).toBe(before);
      expect(run.stderr).toContain(
        `parallel-plans: note: the previous ${later}/parallel.json is kept as ${later}/parallel.json.bak\n`,
      );
      expect((await runCli(cwd, ["sync", later])).code).toBe(0);
    });
  });
});
