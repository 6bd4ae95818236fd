import { createRequire } from "node:module";
import { describe, expect, it } from "@jest/globals";
import { Ajv } from "ajv";
import { DEFAULT_CONFIG, configToOptions, parseConfig } from "../../src/core/config.js";
import { DEFAULT_OPTIONS } from "../../src/core/options.js";

const require = createRequire(import.meta.url);
const FILE = ".github/parallel-plans.yml";

/** The config text's lines joined, so a test can say which line a value sits on. */
const yaml = (...lines: string[]): string => lines.join("\n") + "\n";

describe("parseConfig defaults", () => {
  it.each([
    ["an empty file", ""],
    ["a file of comments", "# nothing configured yet\n"],
    ["an explicit null document", "~\n"],
  ])("gives the defaults for %s", (_name, text) => {
    expect(parseConfig(text, FILE)).toEqual({ config: DEFAULT_CONFIG, findings: [] });
  });

  it("fills in the keys a partial config leaves out", () => {
    const { config, findings } = parseConfig(yaml("limits:", "  max_file_bytes: 2048"), FILE);
    expect(findings).toEqual([]);
    expect(config.limits).toEqual({ ...DEFAULT_CONFIG.limits, max_file_bytes: 2048 });
    expect(config.patterns).toEqual(DEFAULT_CONFIG.patterns);
    expect(config.plans).toEqual(["work-space/plans/*"]);
  });

  it("matches the analysis defaults except for the plan roots", () => {
    expect(configToOptions(DEFAULT_CONFIG)).toEqual({
      ...DEFAULT_OPTIONS,
      plans: ["work-space/plans/*"],
    });
  });
});

describe("parseConfig reads every key", () => {
  const text = yaml(
    "plans:",
    "  - docs/plans/*",
    "  - work/**/plans/*",
    "patterns:",
    "  plan: README_{plan}.md",
    "  subplan: sub/S_{token}.md",
    "  execution: exec/E_{token}_{nn}.md",
    "  approved: exec/ok/A_{token}.md",
    "fail_on: warning",
    "assign:",
    "  auto: true",
    "  labels: [plans, parallel]",
    "  sub_issues: false",
    "  blocked_by: false",
    "sync: off",
    "dashboard: true",
    "commands:",
    "  min_permission:",
    "    status: triage",
    "    sync: admin",
    "limits:",
    "  max_file_bytes: 4096",
    "  max_json_bytes: 8192",
    "  max_json_depth: 16",
    "  max_findings_per_rule: 5",
  );

  it("returns them with no finding", () => {
    const { config, findings } = parseConfig(text, FILE);
    expect(findings).toEqual([]);
    expect(config).toEqual({
      plans: ["docs/plans/*", "work/**/plans/*"],
      patterns: {
        plan: "README_{plan}.md",
        subplan: "sub/S_{token}.md",
        execution: "exec/E_{token}_{nn}.md",
        approved: "exec/ok/A_{token}.md",
      },
      fail_on: "warning",
      assign: { auto: true, labels: ["plans", "parallel"], sub_issues: false, blocked_by: false },
      sync: "off",
      dashboard: true,
      commands: {
        min_permission: {
          ...DEFAULT_CONFIG.commands.min_permission,
          status: "triage",
          sync: "admin",
        },
      },
      limits: {
        max_file_bytes: 4096,
        max_json_bytes: 8192,
        max_json_depth: 16,
        max_findings_per_rule: 5,
      },
    });
  });

  it("turns them into analysis options", () => {
    expect(configToOptions(parseConfig(text, FILE).config)).toEqual({
      patterns: {
        plan: "README_{plan}.md",
        subplan: "sub/S_{token}.md",
        execution: "exec/E_{token}_{nn}.md",
        approved: "exec/ok/A_{token}.md",
      },
      limits: { maxFileBytes: 4096, maxJsonBytes: 8192, maxJsonDepth: 16, maxFindingsPerRule: 5 },
      failOn: "warning",
      plans: ["docs/plans/*", "work/**/plans/*"],
    });
  });
});

describe("parseConfig locates invalid values", () => {
  it.each([
    ["fail_on: notice", 2, 10, "/fail_on"],
    ["sync: sometimes", 2, 7, "/sync"],
    ["dashboard: yes please", 2, 12, "/dashboard"],
    ["plans: work-space/plans/*", 2, 8, "/plans"],
    ["plans:\n  - ok/*\n  - ../outside/*", 4, 5, "/plans/1"],
    ["plans:\n  - /abs/*", 3, 5, "/plans/0"],
    ["patterns:\n  subplan: subplans/SUBPLAN.md", 3, 12, "/patterns/subplan"],
    ["patterns:\n  execution: execution/E_{token}.md", 3, 14, "/patterns/execution"],
    ["patterns:\n  approved: ../APPROVED_{token}.md", 3, 13, "/patterns/approved"],
    ["patterns:\n  plan: /PLAN_{plan}.md", 3, 9, "/patterns/plan"],
    ["assign:\n  labels: [ok, 7]", 3, 16, "/assign/labels/1"],
    ["commands:\n  min_permission:\n    sync: owner", 4, 11, "/commands/min_permission/sync"],
    ["limits:\n  max_file_bytes: 0", 3, 19, "/limits/max_file_bytes"],
    ["limits:\n  max_json_depth: 1.5", 3, 19, "/limits/max_json_depth"],
    ["limits:\n  max_findings_per_rule: 10001", 3, 26, "/limits/max_findings_per_rule"],
  ])("reports %j at line %i column %i naming %s", (body, line, column, pointer) => {
    const { config, findings } = parseConfig(`# config\n${body}\n`, FILE);
    expect(config).toBe(DEFAULT_CONFIG);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding).toMatchObject({
        rule: "schema",
        severity: "error",
        file: FILE,
        line,
        column,
      });
      expect(finding.message.startsWith(`${pointer}: `)).toBe(true);
    }
  });

  it("names the allowed values of an enum", () => {
    const { findings } = parseConfig("fail_on: notice\n", FILE);
    expect(findings[0]?.message).toBe(
      '/fail_on: must be equal to one of the allowed values ("error", "warning")',
    );
  });

  it("rejects an unknown key at the key", () => {
    const { findings } = parseConfig(yaml("sync: pr", "assign:", "  automatic: true"), FILE);
    expect(findings).toEqual([
      {
        rule: "schema",
        severity: "error",
        file: FILE,
        line: 3,
        column: 3,
        message: "/assign/automatic: unknown key (not in the config schema)",
        achievements: [],
      },
    ]);
  });

  it("rejects a top level that is not a mapping", () => {
    const { findings } = parseConfig("- plans\n", FILE);
    expect(findings).toMatchObject([{ line: 1, column: 1, message: "/: must be object" }]);
  });
});

describe("parseConfig is safe on hostile YAML", () => {
  it("locates a syntax error", () => {
    const { config, findings } = parseConfig(
      yaml("sync: pr", "assign:", "  labels: [a, b]]"),
      FILE,
    );
    expect(config).toBe(DEFAULT_CONFIG);
    expect(findings).toEqual([
      {
        rule: "schema",
        severity: "error",
        file: FILE,
        line: 3,
        column: 17,
        message: 'YAML: Unexpected flow-seq-end token in YAML stream: "]"',
        achievements: [],
      },
    ]);
  });

  it("reports a duplicate key", () => {
    const { findings } = parseConfig(yaml("sync: pr", "sync: off"), FILE);
    expect(findings).toMatchObject([{ line: 2, column: 1 }]);
    expect(findings[0]?.message).toMatch(/unique/i);
  });

  it("stops a billion-laughs alias bomb quickly", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const started = Date.now();
    const { config, findings } = parseConfig(yaml(...lines), FILE);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(config).toBe(DEFAULT_CONFIG);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/alias/i);
  });

  it("rejects a custom tag such as !!js/function", () => {
    const text = yaml("sync: !!js/function 'function () { return 1 }'");
    const { config, findings } = parseConfig(text, FILE);
    expect(config).toBe(DEFAULT_CONFIG);
    expect(findings[0]).toMatchObject({ rule: "schema", line: 1, column: 7 });
    expect(findings[0]?.message).toMatch(/tag/i);
  });

  it.each(["__proto__", "constructor"])("rejects a %s key without polluting prototypes", (key) => {
    const text = yaml(`${key}:`, "  polluted: true", "assign:", `  ${key}:`, "    polluted: true");
    const { findings } = parseConfig(text, FILE);
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [1, `/${key}: unknown key (not in the config schema)`],
      [4, `/assign/${key}: unknown key (not in the config schema)`],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

describe("config schema", () => {
  const schema = require("../../schemas/config.schema.json") as Record<string, unknown>;

  it("passes ajv's secure meta-schema", () => {
    const secure = require("ajv/lib/refs/json-schema-secure.json") as object;
    const isSecure = new Ajv({ allErrors: true, strict: false }).compile(secure);
    expect(isSecure(schema)).toBe(true);
    expect(isSecure.errors ?? null).toBeNull();
  });

  it("has the published $id and describes every property", () => {
    expect(schema.$id).toBe("https://parallel-plans.dev/schemas/config.schema.json");
    const undocumented: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (node === null || typeof node !== "object") return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      for (const [name, sub] of Object.entries(props ?? {})) {
        if (typeof (sub as { description?: unknown }).description !== "string") {
          undocumented.push(`${at}/${name}`);
        }
      }
      for (const [key, value] of Object.entries(node)) visit(value, `${at}/${key}`);
    };
    visit(schema, "");
    expect(undocumented).toEqual([]);
  });

  it("declares the same defaults as DEFAULT_CONFIG", () => {
    const props = schema.properties as Record<string, { default?: unknown }>;
    for (const key of ["plans", "fail_on", "sync", "dashboard"] as const) {
      expect(props[key]?.default).toEqual(DEFAULT_CONFIG[key]);
    }
  });
});
