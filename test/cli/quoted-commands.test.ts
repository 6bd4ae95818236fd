/**
 * The commands the CLI prints for a plan whose path a shell would split or expand (a space, a
 * quote, `$(…)`): run as printed by a POSIX shell, each names that path as one argument and runs
 * nothing else. Plain paths are printed as they always were.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { main } from "../../src/cli/main.js";
import { fakeIo, makeTempDir, removeTempDir, runCli } from "./harness.js";

const run = promisify(execFile);
const PEA = "PARALLEL-EXECUTION-AUTOMATION";
const NAMES = ["WITH SPACE", "it's $(touch pwned)", 'say "hi" `touch pwned`'];

let cwd: string;

beforeAll(async () => {
  cwd = await makeTempDir();
  for (const name of NAMES) {
    await cp("examples/API-DOCS-REFRESH", path.join(cwd, "plans", name), { recursive: true });
  }
  // The plan's files are named after its folder: the space is in the folder above.
  await cp("examples/PARALLEL-EXECUTION-AUTOMATION", path.join(cwd, "my plans", PEA), {
    recursive: true,
  });
  await mkdir(path.join(cwd, "new", "NO JSON"), { recursive: true });
  await writeFile(path.join(cwd, "new", "NO JSON", "PLAN_NO JSON.md"), "# PLAN\n");
  await mkdir(path.join(cwd, "stub"));
  const stub = '#!/bin/sh\nfor a in "$@"; do printf \'%s\\0\' "$a"; done\n';
  await writeFile(path.join(cwd, "stub", "parallel-plans"), stub, { mode: 0o755 });
});

afterAll(async () => removeTempDir(cwd));

/**
 * The arguments `sh` passes to `parallel-plans` when it runs `command` in the working folder: a
 * stand-in on PATH prints them, each ended by a NUL.
 */
async function shellArguments(command: string): Promise<string[]> {
  const env = { ...process.env, PATH: `${path.join(cwd, "stub")}:${process.env.PATH ?? ""}` };
  const { stdout } = await run("sh", ["-c", command], { cwd, env });
  return stdout.split("\0").slice(0, -1);
}

async function nothingRan(): Promise<void> {
  await expect(stat(path.join(cwd, "pwned"))).rejects.toThrow();
}

describe("commands printed for paths a shell would split or expand", () => {
  it.each(NAMES)("next --format json gives a command naming %j as one argument", async (name) => {
    const result = await runCli(cwd, ["next", `plans/${name}`, "--format", "json"]);
    const doc = JSON.parse(result.stdout) as { plans: { choices: { command: string | null }[] }[] };
    const command = doc.plans[0]?.choices[0]?.command ?? "";
    expect(await shellArguments(command)).toEqual([
      "prompt",
      "batch-subplans",
      `plans/${name}`,
      "--level",
      "1",
    ]);
    await nothingRan();
  });

  it("quotes the path in next's text, and leaves a plain path as it was", async () => {
    const result = await runCli(cwd, ["next", "plans/WITH SPACE", "--format", "text"]);
    expect(result.stdout).toContain(
      "       $ parallel-plans prompt batch-subplans 'plans/WITH SPACE' --level 1\n",
    );
    const plain = await runCli(process.cwd(), ["next", "examples/API-DOCS-REFRESH"]);
    expect(plain.stdout).toContain(
      "       $ parallel-plans prompt batch-subplans examples/API-DOCS-REFRESH --level 1\n",
    );
  });

  it("quotes the path in the next step a prompt's note points at", async () => {
    const name = NAMES[1]!;
    const result = await runCli(cwd, [
      "prompt",
      "batch-executions",
      `plans/${name}`,
      "--level",
      "1",
    ]);
    const command = /\(next: (parallel-plans .*)\)\n/.exec(result.stderr)?.[1] ?? "";
    expect(await shellArguments(command)).toEqual([
      "prompt",
      "batch-subplans",
      `plans/${name}`,
      "--level",
      "1",
    ]);
    await nothingRan();
  });

  it("quotes the path in the discover command for a plan without parallel.json", async () => {
    const result = await runCli(cwd, ["status", "new/NO JSON"]);
    expect(result.stderr).toBe(
      "parallel-plans: new/NO JSON has no parallel.json: generate one with `parallel-plans prompt discover 'new/NO JSON'`\n",
    );
  });

  it("quotes the path in the sync command of a level's execution brief", async () => {
    const io = fakeIo(cwd, { isTTY: true });
    io.menu = async (config) =>
      config.choices.find((c) => c.name.startsWith("Execute level 3"))?.value ?? -1;
    await main(["node", "parallel-plans", "next", `my plans/${PEA}`], io);
    const command = /run: (parallel-plans sync .*)\n/.exec(io.out.join(""))?.[1] ?? "";
    expect(await shellArguments(command)).toEqual(["sync", `my plans/${PEA}`, "--write"]);
  });
});
