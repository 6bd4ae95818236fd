/** Runs the CLI in-process with a fake CliIo, and builds plan folders in temporary directories. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function fakeIo(
  cwd: string,
  opts: { isTTY?: boolean; env?: Record<string, string> } = {},
): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    isTTY: opts.isTTY ?? false,
    env: opts.env ?? {},
    cwd,
  };
}

/** `parallel-plans ...args` run in `cwd`. */
export async function runCli(
  cwd: string,
  args: string[],
  opts: { isTTY?: boolean; env?: Record<string, string> } = {},
): Promise<CliRun> {
  const io = fakeIo(cwd, opts);
  const code = await main(["node", "parallel-plans", ...args], io);
  return { code, stdout: io.out.join(""), stderr: io.err.join("") };
}

export async function makeTempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "pp-cli-"));
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Write files (POSIX relative paths → text) under `root`. */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [relPath, text] of Object.entries(files)) {
    const file = path.join(root, ...relPath.split("/"));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

interface AchievementSpec {
  id: string;
  dependencies?: string[];
  status?: string;
}

/** A parallel.json text with one level per entry of `levels`. */
export function parallelJson(
  name: string,
  levels: { parallel: boolean; achievements: AchievementSpec[] }[],
): string {
  const doc = {
    plan_name: name,
    version: "1.0.0",
    levels: levels.map((level, i) => ({
      level: i + 1,
      can_parallelize: level.parallel,
      max_parallelism: level.parallel ? level.achievements.length : 1,
      reason: "test",
      description: `Level ${i + 1}`,
      achievements: level.achievements.map((a) => ({
        id: a.id,
        title: `Achievement ${a.id}`,
        estimated_hours: 2,
        dependencies: a.dependencies ?? [],
        status: a.status ?? "not_started",
      })),
    })),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

/** A plan with no finding. */
export const GOOD_PLAN = parallelJson("GOOD", [
  { parallel: true, achievements: [{ id: "1.1" }, { id: "1.2" }] },
  { parallel: false, achievements: [{ id: "2.1", dependencies: ["1.1", "1.2"] }] },
]);

/** A plan whose only error is a dependency on an achievement that does not exist. */
export const BROKEN_PLAN = parallelJson("BROKEN", [
  { parallel: true, achievements: [{ id: "1.1" }, { id: "1.2", dependencies: ["9.9"] }] },
]);

/**
 * A plan whose only problem is a warning (status-drift): parallel.json says 1.1 is not started,
 * but its SUBPLAN exists. Write it with {@link DRIFTING_SUBPLAN} beside it.
 */
export const DRIFTING_PLAN = parallelJson("DRIFTING", [
  { parallel: true, achievements: [{ id: "1.1" }] },
]);
export const DRIFTING_SUBPLAN = "subplans/SUBPLAN_DRIFTING_11.md";
