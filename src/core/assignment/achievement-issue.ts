/**
 * The issue of one achievement, as it should read: title `[<PLAN>] <id> <title>`, the level's
 * labels, and a body with the PLAN's purpose, deliverables and success criteria, the estimate,
 * the dependencies (linked to their issues when those exist), the files expected and how to
 * claim it, under a hidden marker. Pure: the adapter supplies the issue numbers it knows.
 */
import type { AchievementReport, PlanReport } from "../model.js";
import type { NamingPatterns } from "../options.js";
import { fillPattern } from "../plan-files.js";
import { escapeMarkdownInline, singleLine } from "../../render/sanitize.js";
import { estimateText, inPlanFolder, tokenOf } from "../../prompts/achievement-facts.js";
import { capBody, capSection, escapeMarkdownBlock, inlineCode } from "./block-text.js";
import { renderMarker, type IssueMarker } from "./issue-marker.js";

/** An issue as the plan wants it. */
export interface DesiredIssue {
  marker: IssueMarker;
  title: string;
  body: string;
  labels: string[];
}

/** GitHub caps issue titles at 256 characters. */
const MAX_TITLE = 256;
/** Characters shown per PLAN section: four of them must fit an issue body (65,536). */
const MAX_SECTION = 4_000;

/** The PLAN sections an executor needs, in the order shown. */
const SECTIONS: readonly { key: string; heading: string }[] = [
  { key: "purpose", heading: "Purpose" },
  { key: "what", heading: "What" },
  { key: "deliverables", heading: "Deliverables" },
  { key: "success_criteria", heading: "Success criteria" },
];

/** `[<PLAN>] <id> <title>`, one line, within GitHub's limit. */
export function achievementTitle(plan: string, a: Pick<AchievementReport, "id" | "title">): string {
  return singleLine(`[${plan}] ${a.id} ${a.title}`.replace(/\s+/g, " "), MAX_TITLE);
}

/** The files an achievement is expected to produce, by the naming patterns. */
export function expectedFiles(
  plan: Pick<PlanReport, "dir" | "name">,
  patterns: NamingPatterns,
  id: string,
): { subplan: string; execution: string; approved: string } {
  const values = { plan: plan.name, token: tokenOf(id), nn: "01" };
  return {
    subplan: inPlanFolder(plan, fillPattern(patterns.subplan, values)),
    execution: inPlanFolder(plan, fillPattern(patterns.execution, values)),
    approved: inPlanFolder(plan, fillPattern(patterns.approved, values)),
  };
}

function dependencyLines(
  plan: PlanReport,
  a: AchievementReport,
  numbers: ReadonlyMap<string, number>,
): string[] {
  if (a.dependencies.length === 0) return ["None: this achievement can start at once."];
  return a.dependencies.map((id) => {
    const dep = plan.achievements.find((d) => d.id === id);
    const title = dep ? ` ${escapeMarkdownInline(dep.title, 120)}` : "";
    const status = dep ? dep.status.replace(/_/g, " ") : "not in parallel.json";
    const issue = numbers.get(id);
    return `- ${escapeMarkdownInline(id, 20)}${title} (${status})${issue === undefined ? "" : ` — #${issue}`}`;
  });
}

/** The desired issue of achievement `a` of `plan`. */
export function achievementIssue(
  plan: PlanReport,
  a: AchievementReport,
  options: {
    patterns: NamingPatterns;
    labels: readonly string[];
    /** Issue numbers of achievements that have an issue, by id. */
    numbers: ReadonlyMap<string, number>;
  },
): DesiredIssue {
  const marker: IssueMarker = { kind: "achievement", plan: plan.name, id: a.id };
  const entry = plan.document?.achievements.find((e) => e.id === a.id) ?? null;
  const files = expectedFiles(plan, options.patterns, a.id);
  const cut = `see ${inlineCode(`PLAN_${plan.name}.md`)}`;
  // Inside a code span so it can be copied; `inlineCode` drops the backticks that would end it.
  const command = (verb: string) => inlineCode(`/parallel ${verb} ${singleLine(a.id, 100)}`);
  const lines: string[] = [
    renderMarker(marker),
    `**Plan** ${inlineCode(plan.name)} · **Level** ${a.level} · **Estimate** ${escapeMarkdownInline(estimateText(a, entry), 40)} · **Status** ${a.status.replace(/_/g, " ")}`,
  ];
  let shown = 0;
  for (const { key, heading } of SECTIONS) {
    const text = entry?.sections.find((s) => s.key === key)?.text.trim() ?? "";
    if (text === "") continue;
    shown++;
    lines.push("", `### ${heading}`, "", capSection(escapeMarkdownBlock(text), MAX_SECTION, cut));
  }
  if (shown === 0) {
    lines.push(
      "",
      "*The PLAN markdown describes no purpose, deliverables or success criteria for this achievement.*",
    );
  }
  lines.push(
    "",
    "### Dependencies",
    "",
    ...dependencyLines(plan, a, options.numbers),
    "",
    "### Files expected",
    "",
    `- SUBPLAN: ${inlineCode(files.subplan)}`,
    `- EXECUTION_TASK: ${inlineCode(files.execution)} (one per attempt: \`_01\`, \`_02\`…)`,
    `- APPROVED: ${inlineCode(files.approved)} — when it lands on the default branch, this issue closes as completed.`,
    "",
    "### How to claim",
    "",
    `Comment ${command("claim")} on this issue to be assigned (you need triage permission or more), ${command("unclaim")} to step back. The issue's assignees are the executors.`,
  );
  return {
    marker,
    title: achievementTitle(plan.name, a),
    body: capBody(lines.join("\n"), cut),
    labels: [...options.labels],
  };
}
