/**
 * The `parallel-plans` check run's content, within GitHub's limits. Pure: report in, payloads out.
 *
 * GitHub limits (REST "Create a check run"): `output.summary` and `output.text` at most 65,535
 * characters. The title of the output has no documented limit; the app keeps it under 255 bytes
 * like annotation titles. Annotations are built in `check-annotations.ts`.
 */
import type { AnalysisReport, PlanReport } from "../../core/model.js";
import type { Finding } from "../../core/types.js";
import { countsText, plural } from "../../render/format.js";
import { renderMarkdown } from "../../render/markdown.js";
import { escapeMarkdownInline, truncateUtf8, utf8ByteLength } from "../../render/sanitize.js";
import {
  batches,
  fitTitle,
  MAX_ANNOTATIONS,
  toAnnotation,
  worstFirst,
  type Annotation,
} from "./check-annotations.js";
import { covers, type Scope } from "./check-marker.js";

/** The check run's name: stable, so branch protection can require it. */
export const CHECK_NAME = "parallel-plans";
/** Summary budget: GitHub's 65,535 with room to spare. */
export const SUMMARY_MAX_BYTES = 65_000;
/** Folder names listed in a note before "and N more". */
const NOTE_NAMES = 20;

export interface CheckOutput {
  title: string;
  summary: string;
}

export interface CompletedCheck {
  conclusion: "success" | "failure";
  output: CheckOutput;
  /** Batches of at most 50: the first goes with the completion, the rest as updates. */
  annotations: Annotation[][];
}

export interface PlanCheckInput {
  report: AnalysisReport;
  /** Plan folders of the scope that are not in the commit. */
  removed: readonly string[];
  /** Folders of the scope that exist but hold no plan. */
  notPlans: readonly string[];
  /** Extra sentences for the summary (e.g. a truncated tree). */
  notes: readonly string[];
  /** `fail_on: warning` makes warnings fail plans (and the check). */
  strict: boolean;
  /** Plan folders whose annotations an earlier event already sent on this run. */
  annotated: Scope;
  /** The hidden marker closing the summary. */
  marker: string;
}

/** The completed check for analysed plans. */
export function planCheck(input: PlanCheckInput): CompletedCheck {
  const { report, strict } = input;
  const totals = { errors: 0, warnings: 0, notices: 0 };
  for (const plan of report.plans) {
    totals.errors += plan.summary.errors;
    totals.warnings += plan.summary.warnings;
    totals.notices += plan.summary.notices;
  }
  const fails = report.plans.some((plan) => !plan.ok || (strict && plan.summary.warnings > 0));
  const findings = report.plans
    .filter((plan) => !covers(input.annotated, [plan.dir]))
    .flatMap((plan: PlanReport) => plan.findings)
    .sort(worstFirst);
  const sent = findings.slice(0, MAX_ANNOTATIONS);

  const notes = [
    ...input.notes,
    ...folderNote(input.removed, "was removed in this commit", "were removed in this commit"),
    ...folderNote(
      input.notPlans,
      "holds no parallel.json or PLAN markdown",
      "hold no parallel.json or PLAN markdown",
    ),
  ];
  if (findings.length > sent.length) {
    notes.push(
      `Annotations show the first ${sent.length.toLocaleString("en-US")} of ${plural(findings.length, "finding")} (errors first); run \`parallel-plans validate\` for the full list.`,
    );
  }
  const title =
    report.plans.length > 0
      ? `${plural(report.plans.length, "plan")} checked: ${countsText(totals)}`
      : input.removed.length > 0
        ? `${plural(input.removed.length, "plan folder")} removed, nothing to check`
        : "No plan in the changed folders";
  return {
    conclusion: fails ? "failure" : "success",
    output: {
      title: fitTitle(title),
      summary: withNotes(
        (budget) => renderMarkdown(report, { maxBytes: budget, strict }),
        notes,
        input.marker,
      ),
    },
    annotations: batches(sent.map(toAnnotation)),
  };
}

/** The completed check for an invalid `.github/parallel-plans.yml`: the plans are not checked. */
export function configCheck(findings: readonly Finding[], marker: string): CompletedCheck {
  const file = findings[0]?.file ?? ".github/parallel-plans.yml";
  const shown = findings.slice(0, MAX_ANNOTATIONS);
  const lines = shown
    .slice(0, 50)
    .map((f) => `- line ${f.line}, column ${f.column}: ${escapeMarkdownInline(f.message, 300)}`);
  const body = [
    `**parallel-plans** could not use ${escapeMarkdownInline(file)} from the default branch: ${plural(findings.length, "error")}. No plan was checked; fix the config (its schema is \`schemas/config.schema.json\`) and push again.`,
    "",
    ...lines,
    findings.length > lines.length ? `- … and ${findings.length - lines.length} more` : "",
  ].join("\n");
  return {
    conclusion: "failure",
    output: {
      title: fitTitle(`Invalid ${file}: ${plural(findings.length, "error")}`),
      summary: withNotes(() => body, [], marker),
    },
    annotations: batches(shown.map(toAnnotation)),
  };
}

/**
 * The check when the app itself failed. `failure`, not `neutral`: GitHub counts `neutral` as
 * passing, and a required check must not let a plan merge unchecked because GitHub hiccupped.
 */
export function errorCheck(reason: string, marker: string): CompletedCheck {
  const summary = [
    "**parallel-plans** could not finish checking this commit, so its plans were **not** checked.",
    "",
    `Reason: ${escapeMarkdownInline(reason, 500)}`,
    "",
    "This is a problem of the app or of GitHub, not a finding in your plans: use **Re-run** on this check to try again.",
  ].join("\n");
  return {
    conclusion: "failure",
    output: {
      title: "parallel-plans could not check this commit",
      summary: withNotes(() => summary, [], marker),
    },
    annotations: [],
  };
}

/** The output while the check runs. */
export function startedOutput(what: string, marker: string): CheckOutput {
  return {
    title: fitTitle(`Checking ${what}…`),
    summary: withNotes(
      () => `**parallel-plans** is checking ${escapeMarkdownInline(what)}.`,
      [],
      marker,
    ),
  };
}

/** The body rendered in what the notes and the marker leave of the summary budget. */
function withNotes(
  body: (budget: number) => string,
  notes: readonly string[],
  marker: string,
): string {
  const tail = [...notes.map((note) => `> ${note}\n`), marker].join("\n");
  const budget = SUMMARY_MAX_BYTES - utf8ByteLength(tail) - 2;
  const text = body(budget);
  // Only a hand-written body (error or config text) can exceed its budget; cut it at a line.
  const fitted = utf8ByteLength(text) <= budget ? text : truncateUtf8(text, budget - 2, "…");
  return `${fitted.trimEnd()}\n\n${tail}`;
}

function folderNote(folders: readonly string[], one: string, many: string): string[] {
  if (folders.length === 0) return [];
  const names = folders.slice(0, NOTE_NAMES).map((f) => escapeMarkdownInline(f, 200));
  const more = folders.length > names.length ? ` and ${folders.length - names.length} more` : "";
  return [`${names.join(", ")}${more} ${folders.length === 1 ? one : many}.`];
}

/** A check-run button (GitHub: label ≤ 20, description ≤ 40, identifier ≤ 20 characters). */
export interface CheckAction {
  label: string;
  description: string;
  identifier: string;
}

/** GitHub shows at most 3 buttons on a check run. */
export const MAX_CHECK_ACTIONS = 3;
const OPEN_LEVEL_RE = /^open:(\d{1,4}):(\d{1,6})$/;

function clipChars(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}

/**
 * "Open level N issues" for level `level` of the `planIndex`-th plan of the commit (plans sorted
 * by folder): the identifier cannot hold a plan name, so the click is resolved at the same SHA.
 */
export function openLevelAction(planIndex: number, plan: string, level: number): CheckAction {
  const long = `Open level ${level} issues`;
  return {
    label: long.length <= 20 ? long : clipChars(`Open L${level} issues`, 20),
    description: clipChars(`Issues of plan ${plan}`, 40),
    identifier: `open:${planIndex}:${level}`,
  };
}

/** The plan index and level of an "Open level N issues" click, or null for another button. */
export function readOpenLevelAction(
  identifier: string,
): { planIndex: number; level: number } | null {
  const found = OPEN_LEVEL_RE.exec(identifier);
  return found ? { planIndex: Number(found[1]), level: Number(found[2]) } : null;
}
