import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { resolveOptions } from "../../src/core/options.js";
import type { RuleCode } from "../../src/core/types.js";
import { snapshotOf, type FileSpec } from "../support/snapshot.js";

const level = (achievements: unknown[]) => ({ level: 1, can_parallelize: true, achievements });
const plan = (levels: object[], extra: object = {}) =>
  JSON.stringify({ plan_name: "P", version: "1", levels, ...extra });

const corpus: [string, FileSpec, RuleCode][] = [
  ["an empty file", "", "json-syntax"],
  ["a truncated file", '{"plan_name": "P", "levels": [{"level": 1', "json-syntax"],
  [
    "bytes that are not UTF-8",
    new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
    "json-syntax",
  ],
  ["a JSON array instead of an object", "[]", "schema"],
  ["a JSON string", '"parallel"', "schema"],
  [
    "__proto__ keys",
    `{"__proto__": {"polluted": 1}, "plan_name": "P", "version": "1", "levels": [{"__proto__": {"x": 1}, "level": 1, "can_parallelize": true, "achievements": [{"id": "1.1", "title": "t", "dependencies": ["__proto__"]}]}]}`,
    "unknown-dependency",
  ],
  [
    "constructor and prototype keys",
    plan([level([{ id: "constructor", title: "t", dependencies: ["prototype", "toString"] }])]),
    "schema",
  ],
  [
    "100,000-deep nesting that parses",
    `{"plan_name":"P","version":"1","levels":[],"extra":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    "schema",
  ],
  ["100,000-deep nesting that is cut off", "[".repeat(100_000), "json-syntax"],
  ["a parallel.json over its size limit", { size: 128 * 1024 * 1024 }, "file-too-large"],
  ["a 200 KB title", plan([level([{ id: "1.1", title: "x".repeat(200_000) }])]), "schema"],
  [
    "ids with regex metacharacters",
    plan([
      level([
        { id: "1.(a+)+$", title: "t", dependencies: ["(.*)*"] },
        { id: "[1-9]", title: "u" },
      ]),
    ]),
    "schema",
  ],
  [
    "levels of the wrong type",
    plan([{ level: "one", can_parallelize: "yes", achievements: {} }]),
    "schema",
  ],
  ["achievements that are not objects", plan([level([null, 3, "1.1", [], { id: 7 }])]), "schema"],
  ["a missing levels array", '{"plan_name": "P", "version": "1"}', "schema"],
  [
    "a status outside the seven",
    plan([level([{ id: "1.1", title: "t", status: "done" }])]),
    "schema",
  ],
];

describe("bad input", () => {
  it.each(corpus)("%s gives a %s finding, not a crash", (_name, content, rule) => {
    const started = Date.now();
    const report = analyzeSnapshot(snapshotOf({ "P/parallel.json": content }), resolveOptions());
    expect(Date.now() - started).toBeLessThan(5_000); // a guard against hangs, not a benchmark
    const findings = report.plans[0]!.findings;
    expect(findings.map((f) => f.rule)).toContain(rule);
    for (const finding of findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      expect(finding.message.length).toBeLessThanOrEqual(1001);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
  });

  it("keeps messages short when a value is huge", () => {
    const huge = "9".repeat(200_000);
    const report = analyzeSnapshot(
      snapshotOf({
        "P/parallel.json": plan([level([{ id: "1.1", title: "t", dependencies: [huge] }])]),
      }),
      resolveOptions(),
    );
    const messages = report.plans[0]!.findings.map((f) => f.message);
    expect(messages.every((m) => m.length <= 1001)).toBe(true);
  });

  it("reads a PLAN markdown that is not UTF-8 without failing", () => {
    const report = analyzeSnapshot(
      snapshotOf({ "P/PLAN_P.md": new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x0a]) }),
      resolveOptions(),
    );
    expect(report.plans[0]!.findings.map((f) => f.rule)).toEqual(["missing-parallel-json"]);
  });
});
