/**
 * Every CLI command on every input of the hostile corpus (bench/support/hostile-corpus.js,
 * generated here at a size that keeps the suite quick; bench/hostile.bench.js runs it at the
 * limits): each finishes within a generous bound, exits 0, 1 or 2, prints no stack trace, and
 * its JSON outputs parse.
 */
import { afterAll, describe, expect, it } from "@jest/globals";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { makeTempDir, removeTempDir, runCli } from "../cli/harness.js";
import { argsFor, COMMANDS, writeHostileCorpus } from "../../bench/support/hostile-corpus.js";

/** A hang guard for a whole input (12 commands), generous for a shared CI machine. */
const BOUND_MS = 30_000;
const BYTES = 48 * 1024;

const root = await makeTempDir();
const cases = await writeHostileCorpus(root, BYTES);

afterAll(async () => {
  await removeTempDir(root);
});

describe("the hostile corpus", () => {
  it("covers PLAN markdown and parallel.json shapes", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.name, c.dir]))(
    "runs every command on %s",
    async (name, dir) => {
      const slow: string[] = [];
      {
        const start = performance.now();
        for (const command of COMMANDS) {
          const run = await runCli(root, argsFor(command, dir));
          const what = `${command.join(" ")} on ${name}`;
          expect({ what, code: [0, 1, 2].includes(run.code) }).toEqual({ what, code: true });
          expect(run.stderr).not.toMatch(/\n\s+at |TypeError|RangeError|Maximum call stack/);
          for (const line of run.stderr.split("\n").filter(Boolean)) {
            expect({ what, line: /^(parallel-plans: |[^:\n]+:\d+:\d+: )/.test(line) }).toEqual({
              what,
              line: true,
            });
          }
          if (command.includes("json") || command.includes("sarif")) {
            if (run.stdout !== "") expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
          }
        }
        const elapsed = performance.now() - start;
        if (elapsed > BOUND_MS) slow.push(`${name}: ${Math.round(elapsed)} ms`);
      }
      expect(slow).toEqual([]);
    },
    2 * BOUND_MS,
  );

  it("refuses an input over the limit, naming the setting that raises it", async () => {
    const { dir } = cases[0]!;
    const config = path.join(root, "small-limit.yml");
    await writeFile(config, `limits:\n  max_file_bytes: ${BYTES / 2}\n`);
    // Run from the case's own folder: outside git, the config's plan globs are read from there.
    const run = await runCli(path.join(root, dir), [
      "validate",
      ".",
      "--config",
      "../small-limit.yml",
    ]);
    expect(run.stdout).toMatch(
      /file-too-large +PLAN_PLAN-SEEDS-STYLE\.md is \d+ bytes, over the limit/,
    );
    expect(run.stdout).toContain("limits.max_file_bytes");
  });
});
