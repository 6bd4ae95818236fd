/**
 * The analysis of one plan folder: parallel.json parsed with positions, checked against the schema
 * and every rule of DESIGN.md §4, its statuses read from the files, and the figures renderers show.
 */
import { decodeText } from "./decode-text.js";
import { fileLimit } from "./file-limit.js";
import { levelFigures, planFigures } from "./figures.js";
import { FindingCollector } from "./findings.js";
import { criticalPath } from "./graph/critical-path.js";
import { parseJsonDocument } from "./json-document.js";
import type {
  Achievement,
  AchievementFiles,
  AchievementReport,
  FindingSummary,
  LevelReport,
  ParallelPlan,
  PlanDocument,
  PlanFolder,
  PlanReport,
} from "./model.js";
import { normalizePlan } from "./normalize-plan.js";
import type { AnalysisOptions } from "./options.js";
import { validateParallelSchema } from "./parallel-schema.js";
import { deriveStatus, effectiveStatus, fillPattern, isDone, PlanFileIndex } from "./plan-files.js";
import { parsePlanMarkdown } from "./plan-markdown.js";
import { buildDependencyGraph, checkCycles, type DependencyGraph } from "./rules/cycle-rule.js";
import { checkDependencies } from "./rules/dependency-rules.js";
import { checkIds } from "./rules/id-rules.js";
import type { PlanContext } from "./rules/plan-context.js";
import { checkPlanMatches } from "./rules/plan-mismatch-rule.js";
import { checkSharedDeliverables, deliverablesSection } from "./rules/shared-deliverable-rule.js";
import { checkStatuses } from "./rules/status-rules.js";
import { checkSymlinks } from "./rules/symlink-rule.js";
import { SEVERITY_RANK, type Finding, type PlanSnapshot, type Status } from "./types.js";

/** parallel.json as the analysis read it: its text (BOM removed), parsed value and model. */
export interface ParsedPlanJson {
  text: string;
  value: unknown;
  plan: ParallelPlan;
}

/** Analyse one plan folder. */
export function analyzePlan(
  snapshot: PlanSnapshot,
  folder: PlanFolder,
  folderPaths: readonly string[],
  options: AnalysisOptions,
): PlanReport {
  return analyzePlanParsed(snapshot, folder, folderPaths, options).report;
}

/**
 * {@link analyzePlan}, also handing back parallel.json as it was parsed (null when it was not):
 * sync edits that text instead of decoding and parsing the file again.
 */
export function analyzePlanParsed(
  snapshot: PlanSnapshot,
  folder: PlanFolder,
  folderPaths: readonly string[],
  options: AnalysisOptions,
): { report: PlanReport; parsed: ParsedPlanJson | null } {
  const findings = new FindingCollector(options.limits.maxFindingsPerRule);
  const paths = checkSymlinks(snapshot, folder, folderPaths, findings);
  const { document, documentFile } = readPlanDocument(snapshot, folder, options, findings);

  if (folder.parallelJson === null) {
    if (documentFile) {
      findings.add(
        "missing-parallel-json",
        documentFile,
        { line: 1, column: 1 },
        `${folder.name} has a PLAN but no parallel.json: generate one with "/parallel discover" (or "parallel-plans prompt discover")`,
      );
    }
    return unparsed(emptyReport(folder, findings.list(), document, options));
  }

  const jsonFile = folder.parallelJson;
  if (documentFile === null) {
    // The PLAN is where the plan's purpose and each achievement's details live; prompts need it.
    findings.add(
      "missing-plan-markdown",
      jsonFile,
      { line: 1, column: 1 },
      `${folder.name} has a parallel.json but no PLAN markdown (${fillPattern(options.patterns.plan, { plan: folder.name })}): write the PLAN next to it`,
    );
  }
  const text = readText(snapshot, jsonFile, options, findings, "strict");
  if (text === null) return unparsed(emptyReport(folder, findings.list(), document, options));
  const parsed = parseJsonDocument(text, options.limits.maxJsonDepth);
  if (!parsed.ok) {
    findings.add(
      parsed.kind === "depth" ? "schema" : "json-syntax",
      jsonFile,
      parsed.position,
      parsed.message,
    );
    return unparsed(emptyReport(folder, findings.list(), document, options));
  }
  const json = parsed.document;
  for (const violation of validateParallelSchema(json.value)) {
    findings.add("schema", jsonFile, { document: json, path: violation.path }, violation.message);
  }

  const plan = normalizePlan(json.value);
  const fileIndex = new PlanFileIndex(folder.dir, folder.name, options.patterns, paths);
  // Filled by index at their final length: pushing would regrow each array a dozen times.
  const count = plan.nodes.length;
  const files = new Array<AchievementFiles>(count);
  const derived = new Array<Status>(count);
  const status = new Array<Status>(count);
  for (let node = 0; node < count; node++) {
    const achievement = plan.nodes[node] as Achievement;
    const found = fileIndex.filesFor(achievement.token, achievement.subplanPath);
    const fromFiles = deriveStatus(found);
    files[node] = found;
    derived[node] = fromFiles;
    status[node] = effectiveStatus(achievement.declaredStatus, fromFiles);
  }

  const context: PlanContext = {
    folder,
    plan,
    json,
    jsonFile,
    document,
    documentFile,
    files,
    derived,
    status,
    expectedSubplan: (achievement) => fileIndex.expectedSubplan(achievement.token),
    findings,
  };
  checkIds(context);
  const graph = buildDependencyGraph(context);
  checkDependencies(context, graph);
  const cyclic = checkCycles(context, graph);
  checkStatuses(context);
  checkPlanMatches(context);
  // Deliverables sections per id, once (the first entry of an id, as the PLAN reader lists them).
  const described = new Map<string, string[]>();
  for (const entry of document?.achievements ?? []) {
    if (described.has(entry.id)) continue;
    const texts: string[] = [];
    for (const section of entry.sections) {
      if (section.key === "deliverables") texts.push(section.text);
    }
    described.set(entry.id, texts);
  }
  checkSharedDeliverables(context, (achievement) => {
    const texts = described.get(achievement.id) ?? NO_TEXTS;
    const subplan = files[achievement.node]?.subplan;
    const subplanText = subplan ? snapshotText(snapshot, subplan, options) : null;
    return subplanText === null ? texts : [...texts, deliverablesSection(subplanText)];
  });

  const done = dependenciesDone(graph, status);
  const achievements = reportAchievements(plan, files, derived, status, done);
  const levels = reportLevels(plan, status, done);
  const path = cyclic
    ? { ids: [], hours: { min: 0, max: 0 } }
    : (() => {
        const found = criticalPath(
          graph.edges,
          graph.nodes.map((node) => node.estimate),
        );
        return {
          ids: found.nodes.map((index) => graph.nodes[index]?.id as string),
          hours: found.hours,
        };
      })();
  const list = findings.list();
  const planReport: PlanReport = {
    name: folder.name,
    dir: folder.dir,
    ok: isOk(list, options),
    findings: list,
    levels,
    achievements,
    ready: achievements.filter((a) => a.ready).map((a) => a.id),
    figures: levels.length > 0 ? planFigures(levels.map((level) => level.figures)) : null,
    criticalPath: path,
    summary: summarize(list),
    document,
  };
  return { report: planReport, parsed: { text, value: json.value, plan } };
}

function unparsed(report: PlanReport): { report: PlanReport; parsed: null } {
  return { report, parsed: null };
}

function reportAchievements(
  plan: ParallelPlan,
  files: readonly AchievementFiles[],
  derived: readonly Status[],
  status: readonly Status[],
  done: Uint8Array,
): AchievementReport[] {
  return plan.nodes.map((achievement) => {
    const current = status[achievement.node] as Status;
    const ready = !isDone(current) && ((done[achievement.node] as number) & ALL_DONE) !== 0;
    return {
      id: achievement.id,
      title: achievement.title,
      level: achievement.level,
      estimate: achievement.estimate,
      estimateText: achievement.estimateText,
      dependencies: achievement.dependencies.ids as string[],
      declaredStatus: achievement.declaredStatus,
      derivedStatus: derived[achievement.node] as Status,
      status: current,
      files: files[achievement.node] as AchievementFiles,
      executor: achievement.executor,
      times: achievement.times,
      ready,
    };
  });
}

function reportLevels(
  plan: ParallelPlan,
  status: readonly Status[],
  done: Uint8Array,
): LevelReport[] {
  return plan.levels.map((level) => {
    const own = level.nodes;
    let ready = true;
    let complete = true;
    for (const achievement of own) {
      if (!isDone(status[achievement.node] as Status)) complete = false;
      if (((done[achievement.node] as number) & OUTSIDE_DONE) === 0) ready = false;
    }
    return {
      level: level.level,
      canParallelize: level.canParallelize,
      maxParallelism: level.maxParallelism,
      description: level.description,
      achievements: level.achievementIds,
      ready,
      complete,
      figures: levelFigures(own, level.canParallelize, level.maxParallelism),
    };
  });
}

const NO_TEXTS: readonly string[] = Object.freeze([]);

/** Every resolved dependency is complete or skipped. */
const ALL_DONE = 1;
/** Every resolved dependency outside the achievement's own level is complete or skipped. */
const OUTSIDE_DONE = 2;

/**
 * Per node, which of {@link ALL_DONE} and {@link OUTSIDE_DONE} hold, in one pass over the
 * dependency graph's rows (unknown ids and self-references are not edges: other rules' business).
 */
function dependenciesDone(graph: DependencyGraph, status: readonly Status[]): Uint8Array {
  const { count, starts, targets } = graph.edges;
  const levelOf = new Int32Array(count);
  for (let node = 0; node < count; node++) {
    levelOf[node] = (graph.nodes[node] as Achievement).levelIndex;
  }
  const done = new Uint8Array(count);
  for (let node = 0; node < count; node++) {
    let all = ALL_DONE;
    let outside = OUTSIDE_DONE;
    const end = starts[node + 1] as number;
    for (let at = starts[node] as number; at < end; at++) {
      const target = targets[at] as number;
      if (isDone(status[target] as Status)) continue;
      all = 0;
      if (levelOf[target] !== levelOf[node]) {
        outside = 0;
        break;
      }
    }
    done[node] = all | outside;
  }
  return done;
}

/** The text of a file the source read, within the size limit; null otherwise (never a finding). */
function snapshotText(
  snapshot: PlanSnapshot,
  path: string,
  options: AnalysisOptions,
): string | null {
  const file = snapshot.files.get(path);
  if (!file || file.content === undefined || file.size > options.limits.maxFileBytes) return null;
  return typeof file.content === "string"
    ? file.content
    : new TextDecoder("utf-8").decode(file.content);
}

/** Read and decode a file of the snapshot, reporting file-too-large and bad encodings. */
function readText(
  snapshot: PlanSnapshot,
  path: string,
  options: AnalysisOptions,
  findings: FindingCollector,
  mode: "strict" | "lenient",
): string | null {
  const file = snapshot.files.get(path);
  if (!file || file.symlinkOutside) return null; // reported by checkSymlinks
  const limit = fileLimit(path, options.limits);
  if (file.size > limit.bytes) {
    findings.add(
      "file-too-large",
      path,
      { line: 1, column: 1 },
      `${path.slice(path.lastIndexOf("/") + 1)} is ${file.size} bytes, over the limit of ${limit.bytes} bytes (${limit.setting} in .github/parallel-plans.yml raises it): it was not parsed`,
    );
    return null;
  }
  if (file.content === undefined) {
    throw new Error(`${path} is part of a plan but its content was not read`);
  }
  if (mode === "lenient") {
    return typeof file.content === "string"
      ? file.content
      : new TextDecoder("utf-8").decode(file.content);
  }
  const decoded = decodeText(file.content);
  if (!decoded.ok) {
    findings.add("json-syntax", path, decoded.position, decoded.message);
    return null;
  }
  return decoded.text;
}

function readPlanDocument(
  snapshot: PlanSnapshot,
  folder: PlanFolder,
  options: AnalysisOptions,
  findings: FindingCollector,
): { document: PlanDocument | null; documentFile: string | null } {
  if (folder.planMarkdown === null) return { document: null, documentFile: null };
  const text = readText(snapshot, folder.planMarkdown, options, findings, "lenient");
  return {
    document: text === null ? null : parsePlanMarkdown(text),
    documentFile: folder.planMarkdown,
  };
}

function emptyReport(
  folder: PlanFolder,
  findings: Finding[],
  document: PlanDocument | null,
  options: AnalysisOptions,
): PlanReport {
  return {
    name: folder.name,
    dir: folder.dir,
    ok: isOk(findings, options),
    findings,
    levels: [],
    achievements: [],
    ready: [],
    figures: null,
    criticalPath: { ids: [], hours: { min: 0, max: 0 } },
    summary: summarize(findings),
    document,
  };
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  const summary = { errors: 0, warnings: 0, notices: 0 };
  for (const finding of findings) {
    if (finding.severity === "error") summary.errors++;
    else if (finding.severity === "warning") summary.warnings++;
    else summary.notices++;
  }
  return summary;
}

/** No finding at or above the failure threshold. */
export function isOk(
  findings: readonly Finding[],
  options: Pick<AnalysisOptions, "failOn">,
): boolean {
  const threshold = SEVERITY_RANK[options.failOn];
  return findings.every((finding) => SEVERITY_RANK[finding.severity] < threshold);
}
