/**
 * Each kind of plan file has its own size limit: parallel.json (read in linear time) a large one,
 * markdown (the slowest reader) a small one; a refusal names the setting that raises it.
 */
import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { configToOptions, DEFAULT_CONFIG, parseConfig } from "../../src/core/config.js";
import { DEFAULT_LIMITS, DEFAULT_OPTIONS, resolveOptions } from "../../src/core/options.js";
import { generatedPlanJson } from "../github/plans.js";
import { snapshotOf } from "../support/snapshot.js";

const KIB = 1024;
const DIR = "work-space/plans/BIG";

function tooLarge(files: Record<string, string | { size: number }>, options = DEFAULT_OPTIONS) {
  const [plan] = analyzeSnapshot(snapshotOf(files), options).plans;
  return plan!.findings.filter((f) => f.rule === "file-too-large");
}

describe("size limits by kind of file", () => {
  it("analyses a parallel.json of 2,500 achievements (about 1 MB) by default", () => {
    const json = generatedPlanJson("BIG", 2_500);
    expect(json.length).toBeGreaterThan(DEFAULT_LIMITS.maxFileBytes * 2);
    const [plan] = analyzeSnapshot(
      snapshotOf({ [`${DIR}/parallel.json`]: json }),
      DEFAULT_OPTIONS,
    ).plans;
    expect(plan!.findings.filter((f) => f.rule === "file-too-large")).toEqual([]);
    expect(plan!.achievements).toHaveLength(2_500);
  });

  it("refuses a PLAN markdown over 256 KiB, naming limits.max_file_bytes", () => {
    const size = 256 * KIB + 1;
    const findings = tooLarge({
      [`${DIR}/parallel.json`]: generatedPlanJson("BIG", 2),
      [`${DIR}/PLAN_BIG.md`]: { size },
    });
    expect(findings).toEqual([
      expect.objectContaining({
        file: `${DIR}/PLAN_BIG.md`,
        message: `PLAN_BIG.md is ${size} bytes, over the limit of 262144 bytes (limits.max_file_bytes in .github/parallel-plans.yml raises it): it was not parsed`,
      }),
    ]);
  });

  it("refuses a parallel.json over its own limit, naming limits.max_json_bytes", () => {
    const size = DEFAULT_LIMITS.maxJsonBytes + 1;
    expect(tooLarge({ [`${DIR}/parallel.json`]: { size } })).toEqual([
      expect.objectContaining({
        file: `${DIR}/parallel.json`,
        message: `parallel.json is ${size} bytes, over the limit of ${DEFAULT_LIMITS.maxJsonBytes} bytes (limits.max_json_bytes in .github/parallel-plans.yml raises it): it was not parsed`,
      }),
    ]);
  });

  it("takes both limits from the config, each for its own kind", () => {
    const { config, findings } = parseConfig(
      "limits:\n  max_file_bytes: 2048\n  max_json_bytes: 4096\n",
      "c.yml",
    );
    expect(findings).toEqual([]);
    const options = configToOptions(config);
    expect(options.limits).toMatchObject({ maxFileBytes: 2048, maxJsonBytes: 4096 });
    const refused = tooLarge(
      {
        [`${DIR}/parallel.json`]: { size: 4097 },
        [`${DIR}/PLAN_BIG.md`]: "x".repeat(3000),
      },
      options,
    );
    expect(refused.map((f) => [f.file, f.message.match(/\(([a-z._]+) in/)?.[1]])).toEqual([
      [`${DIR}/PLAN_BIG.md`, "limits.max_file_bytes"],
      [`${DIR}/parallel.json`, "limits.max_json_bytes"],
    ]);
    // Under its own limit each is read, though over the other kind's.
    const json = generatedPlanJson("BIG", 20);
    const wide = resolveOptions({ limits: { ...options.limits, maxJsonBytes: json.length } });
    expect(json.length).toBeGreaterThan(2048);
    expect(tooLarge({ [`${DIR}/parallel.json`]: json }, wide)).toEqual([]);
  });

  it.each([
    ["max_file_bytes", 1e12],
    ["max_json_bytes", 1e12],
    ["max_json_bytes", 0],
  ])("refuses limits.%s: %d (the schema's bounds)", (key, value) => {
    const { config, findings } = parseConfig(`limits:\n  ${key}: ${value}\n`, "c.yml");
    expect(config).toBe(DEFAULT_CONFIG);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "schema",
        line: 2,
        message: expect.stringMatching(new RegExp(`^/limits/${key}: must be [<>]= \\d+$`)),
      }),
    ]);
  });
});
