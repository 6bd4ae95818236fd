/**
 * Output into a pipe whose reader has gone (`parallel-plans … | head -1`): the installed command,
 * run from the sources in a child process, ends quietly with its own exit code instead of Node's
 * "Unhandled 'error' event" stack trace.
 */
import { execFile } from "node:child_process";
import { cpSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { closedPipeSafe } from "../../src/cli/io.js";
import { transpileSources } from "../support/transpiled-sources.js";

const run = promisify(execFile);
let out: string;

beforeAll(() => {
  out = transpileSources([]);
  // bin/parallel-plans.js runs dist/cli/main.js when there is no bundle: the sources, here.
  cpSync("bin", path.join(out, "bin"), { recursive: true });
  symlinkSync(path.join(out, "src"), path.join(out, "dist"));
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * stderr and exit code of `parallel-plans ARGS` writing into a pipe whose reader has already
 * exited (the command starts after a pause, `true` at once): its first write gets EPIPE.
 */
async function intoClosedPipe(args: string[]): Promise<{ stderr: string; code: number }> {
  const script = '{ sleep 0.3; exec node "$@"; } | true; exit "${PIPESTATUS[0]}"';
  const bin = path.join(out, "bin", "parallel-plans.js");
  try {
    const { stderr } = await run("bash", ["-c", script, "bash", bin, ...args], {
      cwd: process.cwd(),
    });
    return { stderr, code: 0 };
  } catch (error) {
    const failed = error as { stderr: string; code: number };
    return { stderr: failed.stderr, code: failed.code };
  }
}

describe("output into a closed pipe", () => {
  it("ends without a stack trace and keeps the command's exit code", async () => {
    // The examples hold broken plans: validate exits 1.
    expect(await intoClosedPipe(["validate", "examples", "--format", "sarif"])).toEqual({
      stderr: "",
      code: 1,
    });
    expect(await intoClosedPipe(["status", "examples/RELEASE-PIPELINE"])).toEqual({
      stderr: "",
      code: 0,
    });
  });
});

describe("closedPipeSafe", () => {
  function failingStream(code: string, written: string[]): Writable {
    return new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        done(Object.assign(new Error(`write ${code}`), { code }));
      },
    });
  }

  it("drops what is written after EPIPE, and calls nothing", async () => {
    const written: string[] = [];
    const failures: unknown[] = [];
    const write = closedPipeSafe(failingStream("EPIPE", written), (e) => failures.push(e));
    write("first");
    await new Promise((resolve) => setImmediate(resolve));
    write("second");
    expect(written).toEqual(["first"]);
    expect(failures).toEqual([]);
  });

  it("hands any other write error to onFailure, once", async () => {
    const failures: string[] = [];
    const write = closedPipeSafe(failingStream("ENOSPC", []), (e) => failures.push(e.message));
    write("first");
    await new Promise((resolve) => setImmediate(resolve));
    write("second");
    expect(failures).toEqual(["write ENOSPC"]);
  });
});
