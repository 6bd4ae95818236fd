/**
 * Findings as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run, every rule
 * of `RULES` described in `tool.driver.rules`, one result per finding located at its value.
 */
import type { AnalysisReport } from "../core/model.js";
import { RULES, type RuleCode, type Severity } from "../core/types.js";
import { fnv1a64 } from "./fingerprint.js";

export interface SarifOptions {
  /** The package version, reported as `tool.driver.version`. */
  toolVersion: string;
  /** Home page of the tool; rule help links point to `<informationUri>/docs/rules.md#<rule>`. */
  informationUri?: string;
}

export type SarifLevel = "error" | "warning" | "note";

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
  helpUri?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties: { plan: string; achievements: string[] };
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri?: string;
        rules: SarifRule[];
      };
    };
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
  }[];
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

const LEVELS: Record<Severity, SarifLevel> = { error: "error", warning: "warning", notice: "note" };

/** One sentence per rule (DESIGN.md §4), shown by SARIF viewers next to each result. */
export const RULE_DESCRIPTIONS: Record<RuleCode, string> = {
  "json-syntax": "parallel.json is not valid JSON.",
  schema: "A value in parallel.json breaks the JSON Schema.",
  "duplicate-id": "Two achievements share an id.",
  "ambiguous-id": "Two achievement ids map to the same file token.",
  "unknown-dependency": "A dependency, optional dependency or blocks entry names no achievement.",
  "self-dependency": "An achievement depends on itself.",
  "dependency-cycle": "Achievements depend on each other in a cycle.",
  "level-order": "A dependency on a later level, or on the same level of a parallel level.",
  "blocks-mismatch": "A blocks B but B does not depend on A, or the reverse.",
  "missing-subplan": "The status or other files imply a SUBPLAN that does not exist.",
  "missing-execution": "The status says execution started but no EXECUTION_TASK file exists.",
  "status-drift": "The status in parallel.json differs from the status the files prove.",
  "dependency-not-complete":
    "Started or complete while a dependency is neither complete nor skipped.",
  "plan-mismatch": "The PLAN markdown and parallel.json disagree on the achievements.",
  "missing-parallel-json": "A plan folder has a PLAN but no parallel.json.",
  "file-too-large": "An input file is over the configured size limit and was not parsed.",
  "symlink-outside": "A symbolic link resolves outside the repository and was not read.",
};

/** The SARIF log of every finding in the report (a plain object; JSON.stringify it to print). */
export function renderSarif(report: AnalysisReport, options: SarifOptions): SarifLog {
  const codes = Object.keys(RULES) as RuleCode[];
  const ruleIndex = new Map<string, number>(codes.map((code, i) => [code, i]));
  const base =
    options.informationUri === undefined
      ? undefined
      : withoutTrailingSlashes(options.informationUri);
  const rules = codes.map((code): SarifRule => ({
    id: code,
    name: code,
    shortDescription: { text: RULE_DESCRIPTIONS[code] },
    defaultConfiguration: { level: LEVELS[RULES[code]] },
    ...(base !== undefined ? { helpUri: `${base}/docs/rules.md#${code}` } : {}),
  }));
  const results = report.plans.flatMap((plan) =>
    plan.findings.map((finding): SarifResult => {
      const index = ruleIndex.get(finding.rule);
      return {
        ruleId: finding.rule,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVELS[finding.severity] ?? "warning",
        message: { text: finding.message || finding.rule },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodePath(finding.file), uriBaseId: "%SRCROOT%" },
              region: {
                startLine: Math.max(1, Math.trunc(finding.line) || 1),
                startColumn: Math.max(1, Math.trunc(finding.column) || 1),
              },
            },
          },
        ],
        partialFingerprints: {
          "parallelPlans/v1": fnv1a64(`${finding.rule}\0${finding.file}\0${finding.message}`),
        },
        properties: { plan: plan.name, achievements: [...finding.achievements] },
      };
    }),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "parallel-plans",
            version: options.toolVersion,
            ...(base !== undefined ? { informationUri: base } : {}),
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

/** A relative POSIX path as a URI reference: each segment percent-encoded, slashes kept. */
function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** The URI without its trailing slashes (a loop: `/\/+$/` backtracks quadratically on slash runs). */
function withoutTrailingSlashes(uri: string): string {
  let end = uri.length;
  while (end > 0 && uri[end - 1] === "/") end--;
  return uri.slice(0, end);
}
