/**
 * Findings as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run, every rule
 * of `RULES` described in `tool.driver.rules`, one result per finding located at its value.
 * Finding paths must be relative to the repository root: `%SRCROOT%` means that root, which is
 * where code scanning resolves them.
 */
import type { AnalysisReport } from "../core/model.js";
import { RULES, type Finding, type RuleCode, type Severity } from "../core/types.js";
import { fnv1a64 } from "./fingerprint.js";

export interface SarifOptions {
  /** The package version, reported as `tool.driver.version`. */
  toolVersion: string;
  /** Home page of the tool (`tool.driver.informationUri`). */
  informationUri?: string;
  /** The rules page; each rule's `helpUri` is this page's `#<rule>` anchor (docs/rules.md). */
  rulesUri?: string;
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
    originalUriBaseIds: Record<string, { description: { text: string } }>;
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
  "shared-deliverable":
    "Two achievements of one parallel level name the same deliverable file: they will conflict when merged.",
  "missing-parallel-json": "A plan folder has a PLAN but no parallel.json.",
  "missing-plan-markdown": "A plan folder has a parallel.json but no PLAN markdown.",
  "file-too-large": "An input file is over the configured size limit and was not parsed.",
  "symlink-outside": "A symbolic link resolves outside the repository and was not read.",
};

/** The SARIF log of every finding in the report (a plain object; JSON.stringify it to print). */
export function renderSarif(report: AnalysisReport, options: SarifOptions): SarifLog {
  const codes = Object.keys(RULES) as RuleCode[];
  const ruleIndex = new Map<string, number>(codes.map((code, i) => [code, i]));
  const home = options.informationUri;
  const rulesPage = options.rulesUri === undefined ? undefined : withoutFragment(options.rulesUri);
  const rules = codes.map((code): SarifRule => ({
    id: code,
    name: code,
    shortDescription: { text: RULE_DESCRIPTIONS[code] },
    defaultConfiguration: { level: LEVELS[RULES[code]] },
    ...(rulesPage !== undefined ? { helpUri: `${rulesPage}#${code}` } : {}),
  }));
  const fingerprints = new FingerprintCounter();
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
        partialFingerprints: { "parallelPlans/v1": fingerprints.next(finding) },
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
            ...(home !== undefined ? { informationUri: home } : {}),
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: {
          "%SRCROOT%": { description: { text: "The root of the repository the plans are in." } },
        },
        results,
      },
    ],
  };
}

/**
 * Fingerprints that survive edits elsewhere in the file: rule, file, the achievements named, and
 * the message with its numbers masked (a line number or a byte count in a message must not make
 * code scanning see a new alert). Identical keys get an ordinal, so each stays unique.
 */
class FingerprintCounter {
  private readonly seen = new Map<string, number>();

  next(finding: Finding): string {
    const masked = finding.message.replace(/\d+/g, "#");
    const key = `${finding.rule}\0${finding.file}\0${finding.achievements.join(",")}\0${masked}`;
    const ordinal = this.seen.get(key) ?? 0;
    this.seen.set(key, ordinal + 1);
    return fnv1a64(ordinal === 0 ? key : `${key}\0${ordinal}`);
  }
}

/** A relative POSIX path as a URI reference: each segment percent-encoded, slashes kept. */
function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** The page without its `#fragment`, so anchors are not doubled. */
function withoutFragment(uri: string): string {
  const hash = uri.indexOf("#");
  return hash === -1 ? uri : uri.slice(0, hash);
}
