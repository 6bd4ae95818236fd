/**
 * bin/run-bundle.js, which runs the bundled CLI: what it does to the process besides running
 * `main` (V8's TurboFan threshold on Node 20, the code cache's key) must never show in the output.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
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
/** V8 11.3 is Node 20's: the only V8 whose threshold the runner changes. */
const onNode20 = /^11\.3\./.test(process.versions.v8);

let scratch: string;

/** stdout of the installed command run by `node` with `nodeOptions` before the script. */
async function cli(cacheHome: string, nodeOptions: string[], args: string[]): Promise<string> {
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome, NO_COLOR: "1" };
  const { stdout } = await run(process.execPath, [...nodeOptions, BIN, ...args], {
    cwd: ROOT,
    env,
  });
  return stdout;
}

/** The lines `--trace-opt` prints for each function TurboFan finished compiling. */
function turbofanCompiles(stdout: string): number {
  return stdout.split("\n").filter((line) => line.startsWith("[completed compiling")).length;
}

function withoutTrace(stdout: string): string {
  return stdout
    .split("\n")
    .filter((line) => !line.startsWith("["))
    .join("\n");
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist", "cli-bundle", "main.cjs"))) {
    await run("npm", ["run", "build"], { cwd: ROOT });
  }
  scratch = await mkdtemp(path.join(tmpdir(), "bundle-runner-"));
}, SLOW);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("the bundled CLI's runner", () => {
  (onNode20 ? it : it.skip)(
    "keeps a one-plan validate from TurboFan, whose compiles the process would wait for at exit",
    async () => {
      const home = path.join(scratch, "tiering");
      const plain = await cli(home, [], ["validate", PLAN]);
      const traced = await cli(home, ["--trace-opt"], ["validate", PLAN]);

      expect(turbofanCompiles(traced)).toBe(0);
      expect(withoutTrace(traced)).toBe(plain);
    },
    SLOW,
  );

  (onNode20 ? it : it.skip)(
    "leaves a TurboFan threshold given on Node's command line as it is",
    async () => {
      const home = path.join(scratch, "own-threshold");
      const traced = await cli(
        home,
        ["--trace-opt", "--ticks-before-optimization=1"],
        ["validate", PLAN],
      );

      expect(turbofanCompiles(traced)).toBeGreaterThan(0);
    },
    SLOW,
  );

  (onNode20 ? it : it.skip)(
    "loads node:v8 for a command, not for an option-only run such as --version",
    async () => {
      const home = path.join(scratch, "option-only");
      // Preloaded: prints, as the process exits, whether Node's v8 module was loaded.
      const probe = path.join(scratch, "v8-probe.cjs");
      await writeFile(
        probe,
        'process.on("exit", () => process.stdout.write(`v8 loaded: ${process.moduleLoadList.includes("NativeModule v8")}\\n`));\n',
      );

      expect(await cli(home, ["-r", probe], ["--version"])).toMatch(/v8 loaded: false\n$/);
      expect(await cli(home, ["-r", probe], ["validate", PLAN])).toMatch(/v8 loaded: true\n$/);
    },
    SLOW,
  );

  it(
    "keeps one code cache per set of Node options",
    async () => {
      const home = path.join(scratch, "options");
      const plain = await cli(home, [], ["validate", PLAN]);
      const other = await cli(home, ["--no-warnings"], ["validate", PLAN]);
      const files = (await readdir(path.join(home, "parallel-plans"))).sort();

      expect(other).toBe(plain);
      expect(files).toHaveLength(2);
      const options = files.map((f) => /-([0-9a-f]{8})-validate\.v8cache$/.exec(f)?.[1]);
      expect(options[0]).toBeDefined();
      expect(options[0]).not.toBe(options[1]);
    },
    SLOW,
  );
});
