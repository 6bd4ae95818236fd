/**
 * `parallel-plans report` on a scratch git repository whose commits carry chosen dates
 * (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE): the figures are the ones that history implies.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TimeReport } from "../../src/core/history/time-report.js";
import { readGitHistory } from "../../src/sources/git-history.js";
import { makeTempDir, removeTempDir, runCli, writeTree } from "./harness.js";

let repo: string;

function git(cwd: string, args: string[], date?: string): void {
  execFileSync("git", ["-c", "commit.gpgsign=false", ...args], {
    cwd,
    stdio: "ignore",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "T",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "T",
      GIT_COMMITTER_EMAIL: "t@example.com",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: cwd,
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

async function commit(files: Record<string, string>, date: string): Promise<void> {
  await writeTree(repo, files);
  git(repo, ["add", "."], date);
  git(repo, ["commit", "-q", "-m", `at ${date}`], date);
}

const PLAN = "plans/P";
const parallelJson = JSON.stringify(
  {
    plan_name: "P",
    version: "1.0.0",
    levels: [
      {
        level: 1,
        can_parallelize: true,
        max_parallelism: 2,
        achievements: [
          { id: "1.1", title: "One", estimated_hours: "2-3 hours", dependencies: [] },
          { id: "1.2", title: "Two", estimated_hours: 3, dependencies: [] },
        ],
      },
      {
        level: 2,
        can_parallelize: false,
        achievements: [
          // Set by people: kept, whatever the commits say.
          {
            id: "2.1",
            title: "Three",
            estimated_hours: "2-3 hours",
            dependencies: ["1.1", "1.2"],
            actual_hours: 2,
          },
        ],
      },
    ],
  },
  null,
  2,
);

const subplans = Object.fromEntries(
  ["11", "12", "21"].map((t) => [`${PLAN}/subplans/SUBPLAN_P_${t}.md`, "# S\n"]),
);
const execution = (t: string) => ({ [`${PLAN}/execution/EXECUTION_TASK_P_${t}_01.md`]: "# E\n" });
const approved = (t: string) => ({ [`${PLAN}/execution/feedbacks/APPROVED_${t}.md`]: "ok\n" });

beforeAll(async () => {
  repo = await makeTempDir();
  git(repo, ["init", "-q", "-b", "main"]);
  await commit(
    { [`${PLAN}/parallel.json`]: `${parallelJson}\n`, ...subplans },
    "2026-01-05T08:00:00Z",
  );
  await commit(execution("11"), "2026-01-05T09:00:00Z");
  await commit(execution("12"), "2026-01-05T10:00:00Z");
  await commit(approved("11"), "2026-01-05T12:00:00Z");
  await commit(approved("12"), "2026-01-05T14:00:00Z");
  await commit(execution("21"), "2026-01-06T09:00:00Z");
  await commit(approved("21"), "2026-01-06T11:30:00Z");
  // A later edit of an EXECUTION_TASK does not move its start.
  await commit(
    { [`${PLAN}/execution/EXECUTION_TASK_P_11_01.md`]: "# E, revised\n" },
    "2026-01-07T09:00:00Z",
  );
});

afterAll(async () => removeTempDir(repo));

describe("parallel-plans report", () => {
  it("derives start, end and hours from the commits and pins every figure", async () => {
    const run = await runCli(repo, ["report", PLAN, "--format", "json"]);
    expect(run.stderr).toBe("");
    const [plan] = (JSON.parse(run.stdout) as { plans: TimeReport[] }).plans;
    if (!plan) throw new Error("no plan reported");
    expect(
      plan.achievements.map((a) => [a.id, a.startedAt, a.completedAt, a.actualHours, a.verdict]),
    ).toEqual([
      ["1.1", "2026-01-05T09:00:00.000Z", "2026-01-05T12:00:00.000Z", 3, "within"],
      ["1.2", "2026-01-05T10:00:00.000Z", "2026-01-05T14:00:00.000Z", 4, "over"],
      ["2.1", "2026-01-06T09:00:00.000Z", "2026-01-06T11:30:00.000Z", 2, "within"],
    ]);
    // Level 1: 09:00 → 14:00 is 5 hours of wall clock for 7 hours of work: 2 hours saved.
    expect(plan.levels[0]).toMatchObject({ actualSum: 7, span: 5, saving: 2, savingPercent: 28.6 });
    expect(plan.levels[1]).toMatchObject({ actualSum: 2, span: 2.5, saving: null });
    expect(plan.criticalPath).toEqual({
      ids: ["1.2", "2.1"],
      estimated: { min: 5, max: 6 },
      actual: 6,
      unmeasured: [],
    });
    expect(plan.totals).toEqual({
      estimated: { min: 7, max: 9 },
      actual: 9,
      measured: 3,
      total: 3,
    });
    // 9 hours against estimate middles 2.5 + 3 + 2.5 = 8.
    expect(plan.accuracy).toEqual({ ratio: 1.13, within: 2, under: 0, over: 1 });
  });

  it("prints the same figures as text", async () => {
    const run = await runCli(repo, ["report", PLAN]);
    expect(run.stdout).toBe(
      [
        "PLAN: P  plans/P",
        "Measured: 3/3 achievements · estimated 7-9h · actual 9h",
        "Critical path 1.2 → 2.1: estimated 5-6h, actual 6h",
        "Estimate accuracy: actual is 113% of the estimates' middle · 2 within range, 1 over, 0 under",
        "",
        "Level 1 (parallel): estimated 5-6h sequential, 3h wall · wall-clock 5h vs 7h summed: saved 2h (28.6%)",
        "  1.1 One: estimated 2-3h, actual 3h (within) · complete",
        "  1.2 Two: estimated 3h, actual 4h (over) · complete",
        "",
        "Level 2 (sequential): estimated 2-3h sequential, 2-3h wall · sequential: wall-clock 2.5h, 2h of work",
        "  2.1 Three: estimated 2-3h, actual 2h (within) · complete",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["its parallel.json", [`${PLAN}/parallel.json`], "."],
    ["a file of the plan", [`${PLAN}/execution/feedbacks/APPROVED_11.md`], "."],
    ["a SUBPLAN", [`${PLAN}/subplans/SUBPLAN_P_11.md`], "."],
    ["a folder inside the plan", [`${PLAN}/subplans`], "."],
    ["nothing, from inside the plan's subplans/", [], `${PLAN}/subplans`],
    ["the folder above, from inside the plan's execution/", [".."], `${PLAN}/execution`],
  ])("reads the plan's history when PATH is %s", async (_, paths, from) => {
    const run = await runCli(path.join(repo, from), ["report", ...paths]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Measured: 3/3 achievements · estimated 7-9h · actual 9h\n");
  });

  it("names a plan without a usable parallel.json instead of reporting 0/0, and exits 1", async () => {
    await writeTree(repo, {
      "scratch/BAD/parallel.json": '{ "plan_name": "BAD" "levels": [] }\n',
      "scratch/EMPTY/parallel.json": "",
    });
    try {
      const run = await runCli(repo, ["report", "scratch", PLAN]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("PLAN: P  plans/P\n");
      expect(run.stdout).not.toContain("0/0");
      expect(run.stderr).toBe(
        [
          "parallel-plans: scratch/BAD has no usable parallel.json: scratch/BAD/parallel.json:1:22: comma expected",
          "parallel-plans: scratch/EMPTY has no usable parallel.json: scratch/EMPTY/parallel.json:1:1: file is empty",
          "",
        ].join("\n"),
      );
      const json = await runCli(repo, ["report", "scratch/BAD", "--format", "json"]);
      expect(json.code).toBe(1);
      expect((JSON.parse(json.stdout) as { plans: unknown[] }).plans).toEqual([]);
      expect(json.stderr).toContain("scratch/BAD has no usable parallel.json");
    } finally {
      await rm(path.join(repo, "scratch"), { recursive: true, force: true });
    }
  });

  it("renders a markdown table of the levels", async () => {
    const run = await runCli(repo, ["report", PLAN, "--format", "markdown"]);
    expect(run.stdout).toContain("| 1 parallel | 5-6h → 3h | 7h | 5h | 2h (28.6%) |\n");
  });

  it("says so in a shallow clone, and still reports what it has", async () => {
    const clone = await makeTempDir();
    try {
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo}`, "c"], {
        cwd: clone,
        stdio: "ignore",
      });
      const run = await runCli(path.join(clone, "c"), ["report", PLAN]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(
        'parallel-plans: note: plans/P is in a shallow clone: commits before its depth are missing, so older times come from parallel.json (run "git fetch --unshallow" for all of them)\n',
      );
      // All files arrive in the one commit kept: starts and ends are that commit's date.
      expect(run.stdout).toContain("Measured: 3/3 achievements");
    } finally {
      await removeTempDir(clone);
    }
  });

  it("says so outside a git repository, and uses parallel.json's times", async () => {
    const outside = await makeTempDir();
    try {
      await writeTree(outside, { "P/parallel.json": `${parallelJson}\n` });
      const bare = await runCli(outside, ["report", "P"]);
      expect(bare.stderr).toBe(
        "parallel-plans: note: P is not in a git repository: times come from parallel.json only\n",
      );
      expect(bare.stdout).toContain("Measured: 1/3 achievements");
    } finally {
      await removeTempDir(outside);
    }
  });
});

describe("readGitHistory", () => {
  it("says git is missing in one sentence", async () => {
    const missing = Object.assign(new Error("spawn git ENOENT"), { code: "ENOENT" });
    const found = await readGitHistory(".", "x", () => Promise.reject(missing));
    expect(found).toEqual({
      files: new Map(),
      problem: "git is not installed (or not on PATH): times come from parallel.json only",
    });
  });
});

describe("parallel-plans sync --times", () => {
  it("fills missing started_at and completed_at from history with the status, and keeps them", async () => {
    const run = await runCli(repo, ["sync", PLAN, "--times"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('+          "started_at": "2026-01-05T09:00:00.000Z",\n');
    expect(run.stdout).toContain('+          "completed_at": "2026-01-05T14:00:00.000Z"');
    expect(run.stdout).toContain('+          "started_at": "2026-01-06T09:00:00.000Z",\n');

    const write = await runCli(repo, ["sync", PLAN, "--times", "--write"]);
    expect(write.code).toBe(0);
    // Written once, in step afterwards; the report now reads the same dates from parallel.json.
    expect((await runCli(repo, ["sync", PLAN, "--times"])).code).toBe(0);
    const report = await runCli(repo, ["report", PLAN]);
    expect(report.stdout).toContain("wall-clock 5h vs 7h summed: saved 2h (28.6%)");
    git(repo, ["checkout", "--", "."]);
  });

  it("leaves the dates alone without --times", async () => {
    const run = await runCli(repo, ["sync", PLAN]);
    expect(run.stdout).not.toContain("started_at");
  });
});
