import { describe, expect, it } from "@jest/globals";
import { RULES } from "../../src/core/types.js";
import { fnv1a64 } from "../../src/render/fingerprint.js";
import { renderSarif, type SarifLog } from "../../src/render/sarif.js";
import { makeFinding, makePlan, makeReport } from "./report-factory.js";

const report = () =>
  makeReport(
    makePlan({
      name: "X",
      levels: [{ achievements: [{ id: "1.1" }] }],
      findings: [
        makeFinding({ rule: "dependency-cycle", line: 12, column: 7 }),
        makeFinding({ rule: "status-drift", file: "plans/with space/parallel.json", line: 3 }),
        makeFinding({ rule: "missing-parallel-json", line: 0, column: 0, message: "" }),
      ],
    }),
  );

const RULES_PAGE = "https://github.com/example/parallel-plans/blob/v1.2.3/docs/rules.md";

const render = () =>
  renderSarif(report(), {
    toolVersion: "1.2.3",
    informationUri: "https://github.com/example/parallel-plans#readme",
    rulesUri: RULES_PAGE,
  });

describe("renderSarif", () => {
  it("has the SARIF 2.1.0 envelope with one run", () => {
    const log = render();
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({
      name: "parallel-plans",
      version: "1.2.3",
      informationUri: "https://github.com/example/parallel-plans#readme",
    });
    expect(log.runs[0]!.originalUriBaseIds["%SRCROOT%"]!.description.text).toMatch(
      /root of the repository/,
    );
  });

  it("describes every rule code with its default level and help link", () => {
    const rules = render().runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(Object.keys(RULES));
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.helpUri).toBe(`${RULES_PAGE}#${rule.id}`);
    }
    const level = (id: string) => rules.find((r) => r.id === id)!.defaultConfiguration.level;
    expect(level("schema")).toBe("error");
    expect(level("status-drift")).toBe("warning");
    expect(level("missing-parallel-json")).toBe("note");
  });

  it("links every rule to its heading in docs/rules.md", async () => {
    const { readFile } = await import("node:fs/promises");
    const headings = new Set(
      (await readFile("docs/rules.md", "utf8"))
        .split("\n")
        .filter((line) => line.startsWith("## "))
        .map((line) => line.slice(3).trim()),
    );
    for (const rule of render().runs[0]!.tool.driver.rules) {
      expect(headings.has(rule.helpUri!.split("#")[1]!)).toBe(true);
    }
  });

  it("leaves out help links without a rules page", () => {
    const log = renderSarif(report(), { toolVersion: "1.0.0" });
    expect(log.runs[0]!.tool.driver.rules[0]).not.toHaveProperty("helpUri");
    expect(log.runs[0]!.tool.driver).not.toHaveProperty("informationUri");
  });

  it("writes one located result per finding", () => {
    const log = render();
    const [first, second, third] = log.runs[0]!.results;
    const rules = log.runs[0]!.tool.driver.rules;
    expect(first).toMatchObject({
      ruleId: "dependency-cycle",
      level: "error",
      message: { text: "Achievements 1.1 and 1.2 depend on each other." },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "work-space/plans/X/parallel.json", uriBaseId: "%SRCROOT%" },
            region: { startLine: 12, startColumn: 7 },
          },
        },
      ],
      properties: { plan: "X", achievements: ["1.1", "1.2", "1.1"] },
    });
    expect(rules[first!.ruleIndex!]!.id).toBe("dependency-cycle");
    expect(second!.level).toBe("warning");
    expect(second!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      "plans/with%20space/parallel.json",
    );
    expect(third!.level).toBe("note");
    expect(third!.message.text).toBe("missing-parallel-json");
    expect(third!.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
  });

  it("keeps a fingerprint when the finding moves or its numbers change, and tells twins apart", () => {
    const at = (line: number, message: string) =>
      makeFinding({ rule: "file-too-large", line, message, achievements: [] });
    const log = renderSarif(
      makeReport(
        makePlan({
          name: "X",
          levels: [],
          findings: [
            at(1, "parallel.json is 2000000 bytes"),
            at(9, "parallel.json is 2000000 bytes"),
          ],
        }),
      ),
      { toolVersion: "1" },
    );
    const moved = renderSarif(
      makeReport(
        makePlan({ name: "X", levels: [], findings: [at(5, "parallel.json is 2100000 bytes")] }),
      ),
      { toolVersion: "1" },
    );
    const [first, twin] = log.runs[0]!.results.map(
      (r) => r.partialFingerprints["parallelPlans/v1"],
    );
    expect(moved.runs[0]!.results[0]!.partialFingerprints["parallelPlans/v1"]).toBe(first);
    expect(twin).not.toBe(first);
  });

  it("fingerprints findings stably by rule, file and message", () => {
    const a = render().runs[0]!.results;
    const b = render().runs[0]!.results;
    expect(a.map((r) => r.partialFingerprints)).toEqual(b.map((r) => r.partialFingerprints));
    expect(a[0]!.partialFingerprints["parallelPlans/v1"]).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(a.map((r) => r.partialFingerprints["parallelPlans/v1"])).size).toBe(3);
  });

  it("keeps every key SARIF requires", () => {
    const log: SarifLog = JSON.parse(JSON.stringify(render())) as SarifLog;
    for (const run of log.runs) {
      expect(typeof run.tool.driver.name).toBe("string");
      for (const rule of run.tool.driver.rules) expect(typeof rule.id).toBe("string");
      for (const result of run.results) {
        expect(typeof result.message.text).toBe("string");
        expect(result.message.text.length).toBeGreaterThan(0);
        expect(["error", "warning", "note"]).toContain(result.level);
        const region = result.locations[0]!.physicalLocation.region;
        expect(region.startLine).toBeGreaterThanOrEqual(1);
        expect(region.startColumn).toBeGreaterThanOrEqual(1);
      }
    }
  });
});

describe("fnv1a64", () => {
  it("matches the FNV-1a 64-bit reference values", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });
});
