/**
 * The CLI as a repository installs it: `npm pack`, then `npm ci --offline` of that tarball into a
 * scratch project, then `npx parallel-plans validate` there. Offline means no registry at all:
 * the scratch project's lockfile pins the package's dependencies to this repository's lockfile
 * (same versions and integrity), so npm takes every one from the cache `npm ci` filled here.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";

const run = promisify(execFile);
const ROOT = process.cwd();
/** Generous: packing, an offline install of ~190 packages and a few CLI runs on a shared machine. */
const SLOW = 240_000;

interface PackResult {
  filename: string;
  integrity: string;
  files: { path: string }[];
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

let scratch: string;
let packed: PackResult;

/**
 * npm in offline mode (`npm_config_offline`, and `--offline` on each command): anything not in
 * the cache fails (ENOTCACHED) instead of being downloaded. The registry setting is left alone:
 * cached entries are keyed by the lockfile's registry URLs.
 */
const offlineEnv = {
  ...process.env,
  npm_config_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** dist/ is what the tarball ships: rebuild it when a source file is newer. */
async function ensureBuilt(): Promise<void> {
  const built = await stat(path.join(ROOT, "dist/cli/main.js")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if ((await newestMtime(path.join(ROOT, "src"))) > built) {
    await run("npm", ["run", "build"], { cwd: ROOT, env: offlineEnv });
  }
}

/** A lockfile pinning the tarball and, as this repository's lockfile does, its dependencies. */
async function scratchLockfile(spec: string): Promise<object> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
    license: string;
    dependencies: Record<string, string>;
    bin: Record<string, string>;
    engines: Record<string, string>;
  };
  const lock = JSON.parse(await readFile(path.join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const packages: Record<string, object> = {
    "": { name: "scratch", devDependencies: { "parallel-plans": spec } },
    "node_modules/parallel-plans": {
      version: pkg.version,
      resolved: spec,
      integrity: packed.integrity,
      dev: true,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where === "" || entry.dev) continue;
    const { devOptional: _unused, ...kept } = entry;
    void _unused;
    packages[where] = { ...kept, dev: true };
  }
  return { name: "scratch", lockfileVersion: 3, requires: true, packages };
}

beforeAll(async () => {
  await ensureBuilt();
  scratch = await mkdtemp(path.join(tmpdir(), "pp-packed-"));
  const { stdout } = await run(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch],
    { cwd: ROOT, env: offlineEnv },
  );
  packed = (JSON.parse(stdout) as PackResult[])[0]!;
  const spec = `file:${packed.filename}`;
  await writeFile(
    path.join(scratch, "package.json"),
    JSON.stringify({ name: "scratch", private: true, devDependencies: { "parallel-plans": spec } }),
  );
  await writeFile(
    path.join(scratch, "package-lock.json"),
    JSON.stringify(await scratchLockfile(spec)),
  );
  await run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], {
    cwd: scratch,
    env: offlineEnv,
  });
  await cp(
    path.join(ROOT, "examples/RELEASE-PIPELINE"),
    path.join(scratch, "work-space/plans/RELEASE-PIPELINE"),
    { recursive: true },
  );
  await copyFile(
    path.join(ROOT, "examples/broken/BROKEN-SYNTAX/parallel.json"),
    path.join(scratch, "broken.json"),
  );
}, SLOW);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function npx(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["--offline", "parallel-plans", ...args], {
      cwd: scratch,
      env: { ...offlineEnv, NO_COLOR: "1" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the packed package installed into another repository", () => {
  it("ships no source maps and no reference to one", async () => {
    const installed = path.join(scratch, "node_modules", "parallel-plans", "dist");
    for (const entry of await readdir(installed, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const text = await readFile(path.join(entry.parentPath, entry.name), "utf8");
      expect([entry.name, text.includes("sourceMappingURL")]).toEqual([entry.name, false]);
    }
  });

  it("ships its LICENSE and built entries, not its sources or tests", () => {
    const files = packed.files.map((f) => f.path);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(files).toContain("LICENSE");
    expect(files).toContain("dist/cli/main.js");
    expect(files).toContain("dist/cli-bundle/main.cjs");
    expect(files).toContain("dist/action/run-action.js");
    expect(files.some((f) => f.startsWith("src/") || f.startsWith("test/"))).toBe(false);
  });

  it(
    "runs `npx parallel-plans validate` on the repository's plans",
    async () => {
      const result = await npx(["validate"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout.split("\n")[0]).toBe(
        "✔ RELEASE-PIPELINE  work-space/plans/RELEASE-PIPELINE",
      );
    },
    SLOW,
  );

  it(
    "validates the plans of the file paths pre-commit passes",
    async () => {
      const plan = "work-space/plans/RELEASE-PIPELINE";
      const result = await npx([
        "validate",
        "--format",
        "json",
        `${plan}/subplans/SUBPLAN_RELEASE-PIPELINE_11.md`,
        `${plan}/parallel.json`,
      ]);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { plans: { dir: string }[] };
      expect(report.plans.map((p) => p.dir)).toEqual([plan]);
    },
    SLOW,
  );

  it(
    "exits 2 with one line for a file outside every plan",
    async () => {
      const result = await npx(["validate", "broken.json"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "parallel-plans: broken.json is not in a plan folder: neither its folder nor one above holds a parallel.json or a PLAN markdown\n",
      );
    },
    SLOW,
  );
});
