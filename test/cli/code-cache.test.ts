/**
 * The installed command runs the bundled CLI with a V8 code cache in a per-user cache folder. The
 * cache may only make a run faster: a missing, corrupt, unwritable or untrusted cache leaves the
 * output, the exit code and stderr exactly as a run without one.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";

const run = promisify(execFile);
const ROOT = process.cwd();
const BIN = path.join(ROOT, "bin", "parallel-plans.js");
const PLAN = "examples/PARALLEL-EXECUTION-AUTOMATION";
/** Generous: a build when dist/ is missing, on a shared machine. */
const SLOW = 120_000;

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

let scratch: string;

async function cli(cacheHome: string, args: string[]): Promise<RunResult> {
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome, NO_COLOR: "1" };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function cacheFiles(folder: string): Promise<string[]> {
  return existsSync(folder) ? (await readdir(folder)).sort() : [];
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist", "cli-bundle", "main.cjs"))) {
    await run("npm", ["run", "build"], { cwd: ROOT });
  }
  scratch = await mkdtemp(path.join(tmpdir(), "code-cache-"));
}, SLOW);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("the CLI's code cache", () => {
  it(
    "is written by a command's first run, one per command, and read by the next",
    async () => {
      const home = path.join(scratch, "fresh");
      const folder = path.join(home, "parallel-plans");
      const cold = await cli(home, ["validate", PLAN]);
      expect(await cacheFiles(folder)).toEqual([
        expect.stringMatching(
          /^cli-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}-validate\.v8cache$/,
        ),
      ]);
      const written = await readFile(path.join(folder, (await cacheFiles(folder))[0] ?? ""));
      expect(written.length).toBeGreaterThan(0);

      const warm = await cli(home, ["validate", PLAN]);
      expect(warm).toEqual(cold);
      expect(cold.stderr).toBe("");

      await cli(home, ["--version"]);
      expect(await cacheFiles(folder)).toEqual([
        expect.stringMatching(/-other\.v8cache$/),
        expect.stringMatching(/-validate\.v8cache$/),
      ]);
    },
    SLOW,
  );

  it(
    "is replaced when V8 rejects it, without changing the run",
    async () => {
      const home = path.join(scratch, "corrupt");
      const folder = path.join(home, "parallel-plans");
      const expected = await cli(home, ["status", PLAN]);
      const [name] = await cacheFiles(folder);
      const file = path.join(folder, name ?? "");
      await writeFile(file, "not a code cache");

      expect(await cli(home, ["status", PLAN])).toEqual(expected);
      expect((await readFile(file, "utf8")) === "not a code cache").toBe(false);
    },
    SLOW,
  );

  it(
    "is skipped when its folder cannot be created",
    async () => {
      const home = path.join(scratch, "not-a-folder");
      await writeFile(home, "a file where the cache folder would go");
      const expected = await cli(path.join(scratch, "beside"), ["validate", PLAN]);

      expect(await cli(home, ["validate", PLAN])).toEqual(expected);
      expect(await readFile(home, "utf8")).toBe("a file where the cache folder would go");
    },
    SLOW,
  );

  it(
    "is neither read nor written in a folder others may write to",
    async () => {
      if (process.getuid === undefined) return;
      const home = path.join(scratch, "shared");
      const trusted = path.join(scratch, "trusted");
      const expected = await cli(trusted, ["validate", PLAN]);
      const [name] = await cacheFiles(path.join(trusted, "parallel-plans"));
      const folder = path.join(home, "parallel-plans");
      await mkdir(folder, { recursive: true });
      await chmod(folder, 0o777);
      await writeFile(path.join(folder, name ?? ""), "planted");

      expect(await cli(home, ["validate", PLAN])).toEqual(expected);
      expect(await readFile(path.join(folder, name ?? ""), "utf8")).toBe("planted");
    },
    SLOW,
  );
});
