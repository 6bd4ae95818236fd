/**
 * The repository config, `.github/parallel-plans.yml` (DESIGN.md §4): parsed from YAML text,
 * validated against `schemas/config.schema.json`, every problem located at its line and column.
 * Pure: the caller reads the file (from the default branch only, in the app).
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseDocument } from "yaml";
import type { Document, Node as YamlNode } from "yaml";
import type { AnalysisOptions } from "./options.js";
import { DEFAULT_LIMITS, DEFAULT_PATTERNS } from "./options.js";
import { validate as generatedValidator } from "./schema-validators/config-validator.js";
import type { Finding } from "./types.js";
import { firstTooDeep } from "./yaml-depth.js";

export type Permission = "read" | "triage" | "write" | "maintain" | "admin";

/** The slash commands whose permission can be configured. */
export const COMMANDS = [
  "help",
  "status",
  "next",
  "validate",
  "discover",
  "batch-subplans",
  "batch-executions",
  "assign",
  "claim",
  "unclaim",
  "sync",
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** `.github/parallel-plans.yml` with every default filled in. Keys mirror the file. */
export interface RepoConfig {
  /** Globs (relative to the repository root) of plan folders. */
  plans: string[];
  /** File naming inside a plan folder; placeholders `{plan}`, `{token}`, `{nn}`. */
  patterns: {
    /** The PLAN markdown, e.g. `PLAN_{plan}.md`. */
    plan: string;
    /** One SUBPLAN per achievement; contains `{token}`. */
    subplan: string;
    /** EXECUTION_TASK files; contain `{token}` and `{nn}`. */
    execution: string;
    /** The APPROVED feedback that marks an achievement complete; contains `{token}`. */
    approved: string;
  };
  /** Lowest finding severity that fails the check. */
  fail_on: "error" | "warning";
  /** Issues opened for the achievements of a parallel level. */
  assign: {
    /** Open the issues as soon as a level becomes ready, without `/parallel assign`. */
    auto: boolean;
    /** Labels put on every achievement issue. */
    labels: string[];
    /** Link achievement issues to the plan issue as GitHub sub-issues. */
    sub_issues: boolean;
    /** Record dependencies as GitHub "blocked by" relationships. */
    blocked_by: boolean;
  };
  /** `pr`: propose a pull request that makes parallel.json statuses match the files; `off`: only report drift. */
  sync: "off" | "pr";
  /** Keep one dashboard issue per plan. */
  dashboard: boolean;
  /** Slash commands in comments. */
  commands: {
    /** Lowest repository permission a commenter needs, per command. */
    min_permission: Record<CommandName, Permission>;
  };
  /** Bounds on what the analysis reads. */
  limits: {
    /** Largest markdown file parsed (PLAN, SUBPLAN, EXECUTION, feedback), in bytes. */
    max_file_bytes: number;
    /** Largest parallel.json parsed, in bytes. */
    max_json_bytes: number;
    /** Deepest nesting accepted in parallel.json. */
    max_json_depth: number;
    /** Most findings reported per rule per plan. */
    max_findings_per_rule: number;
  };
}

/** The config of a repository without `.github/parallel-plans.yml` (matches the schema's defaults). */
export const DEFAULT_CONFIG: RepoConfig = {
  plans: ["work-space/plans/*"],
  patterns: { ...DEFAULT_PATTERNS },
  fail_on: "error",
  assign: { auto: false, labels: ["parallel-plans"], sub_issues: true, blocked_by: true },
  sync: "pr",
  dashboard: false,
  commands: {
    min_permission: {
      help: "read",
      status: "read",
      next: "read",
      validate: "read",
      discover: "read",
      "batch-subplans": "read",
      "batch-executions": "read",
      assign: "write",
      claim: "triage",
      unclaim: "triage",
      sync: "write",
    },
  },
  limits: {
    max_file_bytes: DEFAULT_LIMITS.maxFileBytes,
    max_json_bytes: DEFAULT_LIMITS.maxJsonBytes,
    max_json_depth: DEFAULT_LIMITS.maxJsonDepth,
    max_findings_per_rule: DEFAULT_LIMITS.maxFindingsPerRule,
  },
};

/** Aliases allowed before expansion stops: a real config needs none; this stops "billion laughs". */
const MAX_ALIAS_COUNT = 100;
/** Deepest nesting read: a config needs four levels; the YAML parser recurses once per level. */
export const MAX_CONFIG_DEPTH = 32;

/** The config schema, compiled at build time (scripts/generate-validators.js). */
const configValidator = generatedValidator as unknown as ValidateFunction;

/**
 * Parse and validate the config text. Problems come back as `schema` findings located in `file`;
 * with any finding, `config` is {@link DEFAULT_CONFIG} (an invalid config is never half-applied).
 * An empty file (or one holding only comments) is the defaults.
 */
export function parseConfig(
  text: string,
  file: string,
): { config: RepoConfig; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const tooDeep = firstTooDeep(text, MAX_CONFIG_DEPTH);
  const doc = parseDocument(tooDeep === -1 ? text : "", {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: "core",
    customTags: [],
  });
  const at = (offset: number, message: string): Finding => {
    const { line, col } = lineCounter.linePos(offset);
    return {
      rule: "schema",
      severity: "error",
      file,
      line,
      column: col,
      message,
      achievements: [],
    };
  };

  if (tooDeep !== -1) {
    const message = `the config nests deeper than ${MAX_CONFIG_DEPTH} levels (the limit; a parallel-plans config needs 4): it was not read`;
    const before = text.slice(0, tooDeep).split(/\r\n|\r|\n/);
    const position = { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
    const finding: Finding = { ...at(0, message), ...position };
    return { config: DEFAULT_CONFIG, findings: [finding] };
  }

  // Warnings include unresolved tags such as `!!js/function`: a config never needs one.
  const yamlProblems = [...doc.errors, ...doc.warnings];
  if (yamlProblems.length > 0) {
    const findings = yamlProblems.map((e) => at(e.pos[0], `YAML: ${firstLine(e.message)}`));
    return { config: DEFAULT_CONFIG, findings };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? firstLine(error.message) : String(error);
    const sentence = /alias/i.test(reason)
      ? `YAML: more than ${MAX_ALIAS_COUNT} aliases expanded (the limit, against alias bombs; a config needs none): it was not read`
      : `YAML: ${reason}`;
    return { config: DEFAULT_CONFIG, findings: [at(0, sentence)] };
  }
  if (value === null || value === undefined) return { config: DEFAULT_CONFIG, findings: [] };

  if (!configValidator(value)) {
    const findings = (configValidator.errors ?? []).map((e) => {
      const { offset, pointer } = locateError(doc, e);
      return at(offset, `${pointer || "/"}: ${describeError(e)}`);
    });
    return { config: DEFAULT_CONFIG, findings };
  }
  return { config: withDefaults(value as Partial<RepoConfig>), findings: [] };
}

/** The analysis options a repository config asks for. */
export function configToOptions(config: RepoConfig): AnalysisOptions {
  return {
    patterns: { ...config.patterns },
    limits: {
      maxFileBytes: config.limits.max_file_bytes,
      maxJsonBytes: config.limits.max_json_bytes,
      maxJsonDepth: config.limits.max_json_depth,
      maxFindingsPerRule: config.limits.max_findings_per_rule,
    },
    failOn: config.fail_on,
    plans: [...config.plans],
  };
}

/** A validated partial config over the defaults. Reads only schema-known keys (no prototype tricks). */
function withDefaults(partial: Partial<RepoConfig>): RepoConfig {
  const d = DEFAULT_CONFIG;
  return {
    plans: partial.plans ?? [...d.plans],
    patterns: { ...d.patterns, ...partial.patterns },
    fail_on: partial.fail_on ?? d.fail_on,
    assign: { ...d.assign, ...partial.assign },
    sync: partial.sync ?? d.sync,
    dashboard: partial.dashboard ?? d.dashboard,
    commands: {
      min_permission: { ...d.commands.min_permission, ...partial.commands?.min_permission },
    },
    limits: { ...d.limits, ...partial.limits },
  };
}

/** The source offset of the value an ajv error is about, and its JSON pointer. */
function locateError(doc: Document, error: ErrorObject): { offset: number; pointer: string } {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of segments) {
    const next = child(doc, node, segment);
    if (!next) break;
    node = next.value;
    offset = rangeStart(next.value) ?? rangeStart(next.key) ?? offset;
  }
  let pointer = error.instancePath;
  const extra = (error.params as { additionalProperty?: unknown }).additionalProperty;
  if (error.keyword === "additionalProperties" && typeof extra === "string") {
    // Point at the unknown key itself rather than the map holding it.
    offset = rangeStart(child(doc, node, extra)?.key) ?? offset;
    pointer = `${pointer}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  }
  return { offset, pointer };
}

function child(
  doc: Document,
  parent: unknown,
  segment: string,
): { key: unknown; value: unknown } | undefined {
  const node = isAlias(parent) ? parent.resolve(doc) : parent;
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    return pair ? { key: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node) && /^\d+$/.test(segment)) {
    const item: unknown = node.items[Number(segment)];
    return item === undefined ? undefined : { key: undefined, value: item };
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? (node as YamlNode).range?.[0] : undefined;
}

function describeError(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (error.keyword === "additionalProperties") return "unknown key (not in the config schema)";
  let message = error.message ?? `fails ${error.keyword}`;
  if (error.keyword === "enum" && params.allowedValues) {
    message += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`;
  }
  const why = (error.parentSchema as { description?: unknown } | undefined)?.description;
  if ((error.keyword === "pattern" || error.keyword === "not") && typeof why === "string") {
    message += ` — ${why}`;
  }
  return message;
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0]?.trim() ?? text;
}
