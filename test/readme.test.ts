/** The README's quick start shows real output: this keeps the pasted run of the main job true. */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "@jest/globals";
import { runCli } from "./cli/harness.js";

describe("README", () => {
  it("shows the real output of `npx parallel-plans validate examples`", async () => {
    const readme = await readFile("README.md", "utf8");
    const command = "$ npx parallel-plans validate examples\n";
    const start = readme.indexOf(command);
    expect(start).toBeGreaterThan(-1);
    const end = readme.indexOf("\n```", start);
    const pasted = readme.slice(start + command.length, end);
    const run = await runCli(process.cwd(), ["validate", "examples"]);
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd()).toBe(pasted.trimEnd());
  });

  it("keeps the quick start to npm ci and npm test", async () => {
    const readme = await readFile("README.md", "utf8");
    const quickStart = readme.slice(
      readme.indexOf("## Quick start"),
      readme.indexOf("## Install the GitHub App"),
    );
    expect(quickStart).toContain("npm ci\nnpm test\n");
    expect(quickStart).toContain("npx parallel-plans validate examples");
  });
});
