/** A hostile config is refused with a sentence naming the limit it broke, never the engine's text. */
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG, MAX_CONFIG_DEPTH, parseConfig } from "../../src/core/config.js";

const DEEP = 10_000;

describe("a config nested too deep", () => {
  it.each([
    ["flow sequences", `plans: ${"[".repeat(DEEP)}${"]".repeat(DEEP)}`],
    ["flow maps", `${"{a: ".repeat(DEEP)}${"}".repeat(DEEP)}`],
    ["block maps", Array.from({ length: DEEP }, (_, i) => `${" ".repeat(i)}k:`).join("\n")],
    ["sequence entries on one line", `${"- ".repeat(DEEP)}x`],
  ])("names the depth limit for %s", (_shape, text) => {
    const { config, findings } = parseConfig(text, ".github/parallel-plans.yml");
    expect(config).toBe(DEFAULT_CONFIG);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "schema", file: ".github/parallel-plans.yml" });
    expect(findings[0]?.message).toBe(
      `the config nests deeper than ${MAX_CONFIG_DEPTH} levels (the limit; a parallel-plans config needs 4): it was not read`,
    );
    expect(findings[0]?.message).not.toMatch(/call stack/i);
  });

  it("reads a config nested as deep as the schema goes", () => {
    const text =
      "commands:\n  min_permission:\n    sync: admin\nassign:\n  labels: [a, 'b # c', \"[d\"]\n";
    expect(parseConfig(text, "c.yml").findings).toEqual([]);
  });

  it("points at the line where the nesting goes too deep", () => {
    const text = `plans: [x]\n# fine so far\nlimits: ${"[".repeat(40)}`;
    expect(parseConfig(text, "c.yml").findings[0]).toMatchObject({ line: 3 });
  });
});

describe("an alias bomb", () => {
  it("names the alias limit", () => {
    const layers = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const [name, prev] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
    ]) {
      layers.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const [finding] = parseConfig(layers.join("\n"), "c.yml").findings;
    expect(finding?.message).toMatch(/^YAML: more than 100 aliases expanded \(the limit/);
  });
});
