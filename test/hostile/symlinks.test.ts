/**
 * A checkout is untrusted: a plan file that is a symbolic link out of the repository is reported
 * as `symlink-outside` and never read, so what it points at appears in no output of any command.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { cp, lstat, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeTempDir, removeTempDir, runCli, type CliRun } from "../cli/harness.js";

const SECRET = "RUNNER-SECRET-7f3a9c";
const EXAMPLE = path.resolve("examples/PARALLEL-EXECUTION-AUTOMATION");
const NAME = "PARALLEL-EXECUTION-AUTOMATION";

let tmp: string;
let repo: string;

/** Every command a user (or the Action) runs on a plan folder, in each of its formats. */
const COMMANDS: string[][] = [
  ["validate", "--format", "text"],
  ["validate", "--format", "json"],
  ["validate", "--format", "markdown"],
  ["validate", "--format", "sarif"],
  ["status"],
  ["status", "--format", "json"],
  ["graph"],
  ["graph", "--format", "dot"],
  ["prompt", "discover"],
  ["prompt", "batch-subplans"],
  ["prompt", "batch-executions"],
  ["sync"],
];

async function runAll(target: string): Promise<CliRun[]> {
  const runs: CliRun[] = [];
  for (const command of COMMANDS) {
    const [first, ...rest] = command;
    const args = first === "prompt" ? [first, rest[0]!, target] : [first!, target, ...rest];
    runs.push(await runCli(repo, args));
  }
  return runs;
}

function expectNoSecret(runs: readonly CliRun[]): void {
  for (const run of runs) {
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }
}

/** A copy of the example plan at `repo/plans/<name>`, with `links` (relative path → target). */
async function planWith(name: string, links: Record<string, string>): Promise<string> {
  const dir = path.join(repo, "plans", name);
  await cp(EXAMPLE, dir, { recursive: true });
  for (const [rel, target] of Object.entries(links)) {
    const file = path.join(dir, rel);
    await rm(file, { force: true });
    await symlink(target, file);
  }
  return `plans/${name}`;
}

beforeAll(async () => {
  tmp = await makeTempDir();
  repo = path.join(tmp, "repo");
  const outside = path.join(tmp, "outside");
  await mkdir(path.join(repo, ".git"), { recursive: true });
  await mkdir(outside, { recursive: true });
  const json = await readFile(path.join(EXAMPLE, "parallel.json"), "utf8");
  await writeFile(
    path.join(outside, "parallel.json"),
    json.replace(/"title": "/, `"title": "${SECRET} `),
  );
  await writeFile(
    path.join(outside, "secret.md"),
    `# ${SECRET}\n\n**Achievement 1.1: ${SECRET}**\n`,
  );
  await mkdir(path.join(outside, "plan"), { recursive: true });
  await cp(EXAMPLE, path.join(outside, "plan", NAME), { recursive: true });
  await writeFile(
    path.join(outside, "plan", NAME, "parallel.json"),
    json.replace(/"title": "/, `"title": "${SECRET} `),
  );
});

afterAll(async () => {
  await removeTempDir(tmp);
});

describe("a plan file linked outside the repository", () => {
  it("reports a linked parallel.json as symlink-outside and never shows its content", async () => {
    const target = await planWith("JSON-LINK", {
      "parallel.json": "../../../outside/parallel.json",
    });
    const runs = await runAll(target);
    expectNoSecret(runs);
    const [text, json] = runs;
    expect(text!.stdout).toContain("symlink-outside");
    expect(text!.code).toBe(1);
    const finding = JSON.parse(json!.stdout).plans[0].findings.find(
      (f: { rule: string }) => f.rule === "symlink-outside",
    );
    expect(finding).toMatchObject({
      severity: "error",
      file: `${target}/parallel.json`,
      line: 1,
      column: 1,
    });
  });

  it("refuses to sync a linked parallel.json and leaves the link in place", async () => {
    const target = await planWith("SYNC-LINK", {
      "parallel.json": "../../../outside/parallel.json",
    });
    const before = await readFile(path.join(tmp, "outside", "parallel.json"), "utf8");
    const run = await runCli(repo, ["sync", target, "--write"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("symbolic link");
    expect((await lstat(path.join(repo, target, "parallel.json"))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(tmp, "outside", "parallel.json"), "utf8")).toBe(before);
  });

  it("reports a linked PLAN markdown and keeps its text out of every output", async () => {
    const target = await planWith("MD-LINK", {
      [`PLAN_${NAME}.md`]: "../../../outside/secret.md",
    });
    const runs = await runAll(target);
    expectNoSecret(runs);
    expect(runs[0]!.stdout).toMatch(new RegExp(`PLAN_${NAME}\\.md:1:1 +error +symlink-outside`));
  });

  it("keeps a linked SUBPLAN out of the batch EXECUTION prompt", async () => {
    const subplan = `subplans/SUBPLAN_${NAME}_31.md`;
    const target = await planWith("SUBPLAN-LINK", { [subplan]: "../../../../outside/secret.md" });
    const runs = await runAll(target);
    expectNoSecret(runs);
    expect(runs[0]!.stdout).toContain(`${subplan}:1:1`);
    const prompt = await runCli(repo, ["prompt", "batch-executions", target]);
    expect(prompt.stdout).not.toContain(SECRET);
  });

  it("never reads a link to /proc/self/environ", async () => {
    const target = await planWith("PROC-LINK", { "parallel.json": "/proc/self/environ" });
    process.env.PP_HOSTILE_MARK = SECRET;
    try {
      expectNoSecret(await runAll(target));
    } finally {
      delete process.env.PP_HOSTILE_MARK;
    }
  });

  it("reads a link that stays inside the repository", async () => {
    await cp(path.join(EXAMPLE, "parallel.json"), path.join(repo, "shared.json"));
    const target = await planWith("INSIDE-LINK", { "parallel.json": "../../shared.json" });
    const run = await runCli(repo, ["validate", target, "--format", "json"]);
    const rules = JSON.parse(run.stdout).plans[0].findings.map((f: { rule: string }) => f.rule);
    expect(rules).not.toContain("symlink-outside");
    expect(rules).not.toContain("json-syntax");
  });
});

describe("a plan folder linked outside the repository", () => {
  it.each([
    ["a plan of another folder", "../../outside/plan/" + NAME],
    ["the file-system root", "/"],
  ])("is refused with one sentence when it points at %s", async (_what, to) => {
    const link = path.join(repo, "plans", `DIR-LINK-${to === "/" ? "ROOT" : "PLAN"}`);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(to, link);
    const shown = path.relative(repo, link);
    const runs = await runAll(shown);
    expectNoSecret(runs);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `parallel-plans: cannot read ${shown}: it is a symbolic link to a place outside the repository, which is never followed\n`,
      );
    }
  });

  it("is not followed when a folder above plans is checked", async () => {
    const run = await runCli(repo, ["validate", "plans", "--format", "json"]);
    const dirs = JSON.parse(run.stdout).plans.map((p: { dir: string }) => p.dir);
    expect(dirs.some((dir: string) => dir.includes("DIR-LINK"))).toBe(false);
    expect(run.stdout).not.toContain(SECRET);
  });
});

describe("outside any repository", () => {
  it("keeps reads inside the folder given", async () => {
    const loose = path.join(tmp, "loose");
    await cp(EXAMPLE, path.join(loose, NAME), { recursive: true });
    const json = path.join(loose, NAME, "parallel.json");
    await rm(json);
    await symlink("../../outside/parallel.json", json);
    const run = await runCli(loose, ["validate", NAME]);
    expect(run.stdout).toContain("symlink-outside");
    expect(run.stdout).not.toContain(SECRET);

    await symlink("../outside/plan", path.join(loose, "linked"));
    const folderLink = await runCli(loose, ["validate", "linked"]);
    expect(folderLink.code).toBe(2);
    expect(folderLink.stderr).toContain("outside the folder given");
  });
});
