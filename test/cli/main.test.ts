/**
 * The CLI's own behaviour: argument parsing, exit codes and error lines. These need no analysis:
 * every case fails before a plan is read.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { makeTempDir, removeTempDir, runCli, writeTree } from "./harness.js";

let cwd: string;

beforeEach(async () => {
  cwd = await makeTempDir();
});

afterEach(async () => {
  await removeTempDir(cwd);
});

/** stderr holds exactly one line, starting "parallel-plans: ". */
function expectOneErrorLine(stderr: string): void {
  expect(stderr).toMatch(/^parallel-plans: [^\n]+\n$/);
}

describe("usage errors exit 2 with one line on stderr", () => {
  it.each([
    ["an unknown flag", ["validate", "--frobnicate"], "unknown option '--frobnicate'"],
    ["a misspelt flag", ["validate", "--formt", "json"], "unknown option '--formt'"],
    ["an unknown command", ["valdate"], "unknown command 'valdate'"],
    ["a command from a later release", ["assign", "."], "unknown command 'assign'"],
    ["a bad --format", ["validate", "--format", "xml"], "argument 'xml' is invalid"],
    ["a --format validate has but status lacks", ["status", "--format", "sarif"], "is invalid"],
    ["a bad graph --format", ["graph", ".", "--format", "png"], "is invalid"],
    ["graph without PATH", ["graph"], "missing required argument 'path'"],
    ["graph with two PATHs", ["graph", "a", "b"], "too many arguments"],
    ["--format without a value", ["validate", "--format"], "argument missing"],
  ])("%s", async (_name, args, fragment) => {
    const run = await runCli(cwd, args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expectOneErrorLine(run.stderr);
    expect(run.stderr).toContain(fragment);
  });

  it("prints help on stderr and exits 2 when no command is given", async () => {
    const run = await runCli(cwd, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: parallel-plans");
  });
});

describe("help for a command that does not exist", () => {
  it("says the command is unknown and exits 2", async () => {
    const run = await runCli(cwd, ["help", "nonexistent"]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "parallel-plans: unknown command 'nonexistent': see 'parallel-plans --help' for the commands\n",
    });
  });
});

describe("help and version exit 0 on stdout", () => {
  it.each([[["--help"]], [["validate", "--help"]], [["help", "graph"]]])("%j", async (args) => {
    const run = await runCli(cwd, args);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: parallel-plans");
    expect(run.stderr).toBe("");
  });

  it("lists validate, status, graph, prompt and sync", async () => {
    const { stdout } = await runCli(cwd, ["--help"]);
    for (const command of ["validate", "status", "graph", "prompt", "sync"]) {
      expect(stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
  });

  it("prints the package version", async () => {
    const run = await runCli(cwd, ["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("I/O errors exit 2 with one line on stderr", () => {
  it.each([["validate"], ["status"], ["graph"]])(
    "%s names a missing PATH as typed",
    async (cmd) => {
      const run = await runCli(cwd, [cmd, "examples/x"]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        "parallel-plans: cannot read examples/x: no such file or directory\n",
      );
    },
  );

  it("normalises the PATH it names, and --format json prints nothing", async () => {
    const run = await runCli(cwd, ["validate", "--format", "json", "./missing/", "."]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("parallel-plans: cannot read missing: no such file or directory\n");
  });

  it("names a missing --config file", async () => {
    const run = await runCli(cwd, ["validate", ".", "--config", "nope.yml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "parallel-plans: cannot read config nope.yml: no such file or directory\n",
    );
  });

  it("refuses a folder given as --config", async () => {
    await writeTree(cwd, { "conf/x": "" });
    const run = await runCli(cwd, ["validate", ".", "--config", "conf"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("parallel-plans: cannot read config conf: not a file\n");
  });
});

describe("an invalid --config", () => {
  it("prints each finding located in the file, then exits 2", async () => {
    await writeTree(cwd, {
      ".github/parallel-plans.yml":
        "fail_on: error\nsync: sometimes\nlimits:\n  max_json_depth: 2\n",
    });
    const run = await runCli(cwd, ["validate", "--config", ".github/parallel-plans.yml"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toEqual([
      '.github/parallel-plans.yml:2:7: /sync: must be equal to one of the allowed values ("off", "pr")',
      ".github/parallel-plans.yml:4:19: /limits/max_json_depth: must be >= 8",
      "parallel-plans: invalid config .github/parallel-plans.yml (2 problems)",
      "",
    ]);
  });

  it("reports YAML syntax errors the same way", async () => {
    await writeTree(cwd, { "c.yml": "plans: [a\n" });
    const run = await runCli(cwd, ["status", "--config", "./c.yml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^c\.yml:\d+:\d+: YAML: /);
    expect(run.stderr).toMatch(/\nparallel-plans: invalid config c\.yml \(1 problem\)\n$/);
  });
});
