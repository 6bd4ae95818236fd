/**
 * action.yml and the code agree: every input reaches the program under the variable it reads,
 * every output the program writes is declared, and the entry it runs is the package's bin.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; env?: Record<string, string>; run?: string }[] };
}

const load = async () => parse(await readFile("action.yml", "utf8")) as ActionYml;

describe("action.yml", () => {
  it("passes every input to the program as the PARALLEL_PLANS_* variable it reads", async () => {
    const action = await load();
    const source = await readFile("src/action/action-settings.ts", "utf8");
    const env = action.runs.steps.find((s) => s.id === "check")!.env!;
    for (const input of Object.keys(action.inputs)) {
      const variable = `PARALLEL_PLANS_${input.toUpperCase().replace(/-/g, "_")}`;
      expect(env[variable]).toBe(`\${{ inputs.${input} }}`);
      if (input !== "install") expect(source).toContain(`env.${variable}`);
    }
  });

  it("declares exactly the outputs the program writes", async () => {
    const action = await load();
    expect(Object.keys(action.outputs).sort()).toEqual(
      ["conclusion", "errors", "ready", "sarif-file", "warnings"].sort(),
    );
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.check.outputs.${name} }}`);
    }
  });

  it("runs the package's parallel-plans-action bin, from the registry or this checkout", async () => {
    const action = await load();
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin["parallel-plans-action"]).toBe("bin/parallel-plans-action.js");
    const script = action.runs.steps.find((s) => s.id === "check")!.run!;
    expect(script).toContain('parallel-plans@${version}" -- parallel-plans-action');
    expect(script).toContain('node "$GITHUB_ACTION_PATH/bin/parallel-plans-action.js"');
    expect(action.runs.using).toBe("composite");
  });
});
