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

const render = () =>
  renderSarif(report(), {
    toolVersion: "1.2.3",
    informationUri: "https://github.com/example/parallel-plans/",
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
      informationUri: "https://github.com/example/parallel-plans",
    });
  });

  it("describes every rule code with its default level and help link", () => {
    const rules = render().runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(Object.keys(RULES));
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.helpUri).toBe(
        `https://github.com/example/parallel-plans/docs/rules.md#${rule.id}`,
      );
    }
    const level = (id: string) => rules.find((r) => r.id === id)!.defaultConfiguration.level;
    expect(level("schema")).toBe("error");
    expect(level("status-drift")).toBe("warning");
    expect(level("missing-parallel-json")).toBe("note");
  });

  it("leaves out help links without an information URI", () => {
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
