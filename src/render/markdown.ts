/**
 * The check run summary: per plan a verdict, a level table, the ready set, time figures, the
 * critical path, findings and the dependency graph — GitHub markdown within a byte budget.
 *
 * GitHub rejects a check `summary` over 65,535 bytes, so the output degrades instead of failing,
 * least useful detail first: the graph collapses (achievements → levels → first and last
 * levels), then finding lists shorten, then the graph goes, then per-plan detail (table rows, id
 * lists) shrinks, then plans keep only their heading, and last plans become one line each.
 * When plans get less than full detail, failing plans win back detail first. Every step is
 * rendered whole and measured: nothing is cut inside a fence or a character.
 */
import type { AnalysisReport, PlanReport } from "../core/model.js";
import { countsText, planFails, plural } from "./format.js";
import { planBody, verdict, type Detail, type PlanView } from "./markdown-sections.js";
import { MERMAID_MAX_TEXT, renderMermaidGraph } from "./mermaid.js";
import { layoutPlan } from "./plan-layout.js";
import { escapeMarkdownInline, fenceFor, truncateUtf8, utf8ByteLength } from "./sanitize.js";

/** Default budget: GitHub's check summary limit (65,535 bytes) with room to spare. */
export const CHECK_SUMMARY_BYTES = 65_000;

export interface MarkdownOptions {
  /** Largest output in UTF-8 bytes. */
  maxBytes?: number;
  /** Warnings fail a plan too (CLI `--strict`). */
  strict?: boolean;
}

const FULL = { levelRows: 100, idsPerLevel: 20, listIds: 50, sections: true };

/** Degradation steps, richest first. */
const LADDER: readonly Detail[] = [
  { graphRequired: true, findings: 100, ...FULL },
  { graphRequired: true, findings: 30, ...FULL },
  { graphRequired: true, findings: 10, ...FULL },
  { graphRequired: false, findings: 10, ...FULL },
  {
    graphRequired: false,
    findings: 10,
    levelRows: 50,
    idsPerLevel: 10,
    listIds: 20,
    sections: true,
  },
  { graphRequired: false, findings: 5, levelRows: 20, idsPerLevel: 0, listIds: 10, sections: true },
  { graphRequired: false, findings: 0, levelRows: 10, idsPerLevel: 0, listIds: 5, sections: true },
  { graphRequired: false, findings: 0, levelRows: 0, idsPerLevel: 0, listIds: 0, sections: false },
];
/** The richest step without a required graph: plans are upgraded back to it at most. */
const FIRST_OPTIONAL_GRAPH = LADDER.findIndex((d) => !d.graphRequired);

/** Below this many bytes a graph is left out rather than shown as a stub. */
const MIN_GRAPH_BYTES = 200;
const GRAPH_HEADING = "### Dependency graph\n\n";

/** The check summary for every plan of the report, within `maxBytes` (default 65,000). */
export function renderMarkdown(report: AnalysisReport, opts: MarkdownOptions = {}): string {
  const totals = { errors: 0, warnings: 0, notices: 0 };
  for (const plan of report.plans) {
    totals.errors += plan.summary.errors;
    totals.warnings += plan.summary.warnings;
    totals.notices += plan.summary.notices;
  }
  const head =
    report.plans.length === 0
      ? "**parallel-plans** found no plans.\n\n"
      : `**parallel-plans** checked ${plural(report.plans.length, "plan")}: ${countsText(totals)}.\n\n`;
  return fit(report.plans, head, opts.maxBytes ?? CHECK_SUMMARY_BYTES, opts.strict ?? false);
}

/** The same summary for one plan, without the report's opening line. */
export function renderPlanMarkdown(plan: PlanReport, opts: MarkdownOptions = {}): string {
  return fit([plan], "", opts.maxBytes ?? CHECK_SUMMARY_BYTES, opts.strict ?? false);
}

function fit(plans: readonly PlanReport[], head: string, maxBytes: number, strict: boolean) {
  const views: PlanView[] = plans.map((plan) => ({ plan, layout: layoutPlan(plan) }));
  const cache = views.map(() => new Map<number, string>());
  const body = (i: number, step: number) => {
    let text = cache[i]!.get(step);
    if (text === undefined) {
      text = planBody(views[i]!, LADDER[step]!, strict);
      cache[i]!.set(step, text);
    }
    return text;
  };
  const textBytes = (steps: number[]) =>
    steps.reduce((sum, step, i) => sum + utf8ByteLength(body(i, step)), utf8ByteLength(head));

  for (let step = 0; step < LADDER.length; step++) {
    const steps = views.map(() => step);
    let used = textBytes(steps);
    if (used > maxBytes) continue;
    if (step > FIRST_OPTIONAL_GRAPH) {
      // Plans share one budget: give detail back where it matters most, failing plans first.
      const order = views
        .map((view, i) => ({ i, fails: planFails(view.plan, strict) }))
        .sort((a, b) => Number(b.fails) - Number(a.fails));
      for (const { i } of order) {
        for (let better = steps[i]! - 1; better >= FIRST_OPTIONAL_GRAPH; better--) {
          const delta = utf8ByteLength(body(i, better)) - utf8ByteLength(body(i, steps[i]!));
          if (used + delta > maxBytes) break;
          used += delta;
          steps[i] = better;
        }
      }
    }
    const out = withGraphs(views, steps, (i) => body(i, steps[i]!), head, maxBytes - used);
    if (out !== null) return out;
  }
  return planList(plans, head, maxBytes, strict);
}

/**
 * Appends each plan's graph from the bytes the text left; a graph one plan does not use passes
 * to the next. Null when a step that requires graphs cannot show one per level.
 */
function withGraphs(
  views: readonly PlanView[],
  steps: readonly number[],
  body: (i: number) => string,
  head: string,
  left: number,
): string | null {
  const parts = [head];
  for (let i = 0; i < views.length; i++) {
    const { plan } = views[i]!;
    const share = Math.floor(left / (views.length - i));
    const graph = plan.achievements.length > 0 ? graphBlock(plan, share) : null;
    const shown = graph !== null && graph.detail !== "plan" && graph.detail !== "none";
    if (LADDER[steps[i]!]!.graphRequired && plan.achievements.length > 0 && !shown) return null;
    const text = shown ? graph.text : "";
    left -= utf8ByteLength(text);
    parts.push(body(i), text);
  }
  return parts.join("");
}

function graphBlock(plan: PlanReport, budget: number): { text: string; detail: string } | null {
  // A three-backtick fence: Mermaid labels are entity-encoded and hold no backtick.
  const overhead = utf8ByteLength(`${GRAPH_HEADING}\`\`\`mermaid\n\`\`\`\n\n`);
  if (budget - overhead < MIN_GRAPH_BYTES) return null;
  const graph = renderMermaidGraph(plan, Math.min(MERMAID_MAX_TEXT, budget - overhead));
  if (graph.text === "") return null;
  const fence = fenceFor(graph.text);
  const text = `${GRAPH_HEADING}${fence}mermaid\n${graph.text}${fence}\n\n`;
  return utf8ByteLength(text) <= budget ? { text, detail: graph.detail } : null;
}

/** Last resort: one line per plan, as many as fit. */
function planList(plans: readonly PlanReport[], head: string, maxBytes: number, strict: boolean) {
  let out = head;
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    const name = escapeMarkdownInline(plan.name, 100);
    const line = `- ${verdict(plan, strict)} **${name}**: ${countsText(plan.summary)}\n`;
    const rest = plans.length - i - 1;
    const reserve = rest > 0 ? utf8ByteLength(`- … and ${plural(rest, "more plan")}\n`) : 0;
    if (utf8ByteLength(out + line) + reserve > maxBytes) {
      out += `- … and ${plural(plans.length - i, "more plan")}\n`;
      break;
    }
    out += line;
  }
  if (utf8ByteLength(out) <= maxBytes) return out;
  // Only an absurdly small budget gets here; the text holds no fence, cut at a line end.
  const cut = truncateUtf8(out, maxBytes);
  return cut.slice(0, cut.lastIndexOf("\n") + 1);
}
