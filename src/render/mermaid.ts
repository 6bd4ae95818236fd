/**
 * The dependency graph as a Mermaid flowchart (check summaries, comments) and as Graphviz DOT.
 *
 * GitHub renders Mermaid with the library defaults: diagrams over `maxTextSize` (50,000
 * characters) or `maxEdges` (500) show an error instead of a graph. A big plan therefore
 * degrades: one node per achievement → one node per level → the first and last levels around a
 * "… N levels" node → one node for the whole plan. Every step is valid Mermaid.
 */
import type { PlanReport } from "../core/model.js";
import { dependencyIndexes, layoutPlan, type PlanLayout } from "./plan-layout.js";
import { dotString, mermaidLabel, utf8ByteLength } from "./sanitize.js";
import {
  CLASS_COLORS,
  isDone,
  STATUS_CLASSES,
  statusClass,
  type StatusClass,
} from "./status-style.js";

/** Mermaid's default `maxTextSize` in characters; UTF-8 bytes are never fewer than characters. */
export const MERMAID_MAX_TEXT = 50_000;
/** Mermaid's default `maxEdges` for flowcharts. */
export const MERMAID_MAX_EDGES = 500;

export interface MermaidOptions {
  /** Flow direction: levels left to right (default) or top down. */
  direction?: "LR" | "TD";
  /** Most edges drawn (Mermaid refuses diagrams above its `maxEdges`). */
  maxEdges?: number;
}

/** What a graph needs about a plan, computed once for every degradation step. */
interface GraphInput {
  plan: PlanReport;
  layout: PlanLayout;
  deps: number[][];
  header: string;
  maxBytes: number;
  maxEdges: number;
}

/** Collects lines and stops early once the output is over budget (big plans are not built). */
class LineBudget {
  readonly lines: string[] = [];
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}
  /** Adds a line; false once the text (with its final newline) exceeds the budget. */
  add(line: string): boolean {
    this.bytes += utf8ByteLength(line) + 1;
    this.lines.push(line);
    return this.bytes <= this.maxBytes;
  }
  get text(): string {
    return this.lines.join("\n") + "\n";
  }
}

/** How much of the plan a rendered graph shows, from most to least. */
export type GraphDetail = "achievements" | "levels" | "some-levels" | "plan" | "none";

export interface MermaidGraph {
  text: string;
  detail: GraphDetail;
}

/**
 * A `flowchart` of the plan: one subgraph per level, one node per achievement (id and title),
 * edges dependency → dependent, nodes coloured by status. Collapsed as needed so the text stays
 * within `maxBytes` (default: Mermaid's 50,000-character limit) and `maxEdges`; "" only when
 * not even an empty flowchart fits.
 */
export function renderMermaid(
  plan: PlanReport,
  maxBytes = MERMAID_MAX_TEXT,
  options: MermaidOptions = {},
): string {
  return renderMermaidGraph(plan, maxBytes, options).text;
}

/** `renderMermaid`, also saying how far the graph had to collapse. */
export function renderMermaidGraph(
  plan: PlanReport,
  maxBytes = MERMAID_MAX_TEXT,
  options: MermaidOptions = {},
): MermaidGraph {
  const layout = layoutPlan(plan);
  const input: GraphInput = {
    plan,
    layout,
    deps: dependencyIndexes(plan, layout),
    header: `flowchart ${options.direction ?? "LR"}`,
    maxBytes,
    maxEdges: options.maxEdges ?? MERMAID_MAX_EDGES,
  };
  const detailed = achievementGraph(input);
  if (detailed !== null) return { text: detailed, detail: "achievements" };

  const levels = plan.levels.length;
  const all = levelGraph(input, levels);
  if (all !== null) return { text: all, detail: "levels" };
  // Keep the first and last `keep` levels around one "… N levels" node: the largest that fits.
  let low = 1;
  let high = Math.floor((levels - 1) / 2);
  let best: string | null = null;
  while (low <= high) {
    const keep = Math.floor((low + high) / 2);
    const graph = levelGraph(input, keep);
    if (graph === null) high = keep - 1;
    else {
      best = graph;
      low = keep + 1;
    }
  }
  if (best !== null) return { text: best, detail: "some-levels" };

  const summary = planNodeGraph(input);
  if (utf8ByteLength(summary) <= maxBytes) return { text: summary, detail: "plan" };
  const empty = `${input.header}\n`;
  return utf8ByteLength(empty) <= maxBytes
    ? { text: empty, detail: "none" }
    : { text: "", detail: "none" };
}

function achievementGraph(input: GraphInput): string | null {
  const { plan, layout, deps } = input;
  const edgeCount = deps.reduce((sum, list) => sum + list.length, 0);
  if (edgeCount > input.maxEdges) return null;
  const out = new LineBudget(input.maxBytes);
  const node = (i: number) => {
    const a = plan.achievements[i]!;
    return `a${i}["${mermaidLabel(`${a.id}: ${a.title}`, 60)}"]`;
  };
  let fits = out.add(input.header);
  for (let l = 0; fits && l < plan.levels.length; l++) {
    fits = out.add(`  subgraph L${l} ["${levelTitle(plan, l)}"]`);
    for (const i of layout.members[l]!) fits = fits && out.add(`    ${node(i)}`);
    fits = fits && out.add("  end");
  }
  layout.levelOf.forEach((l, i) => {
    if (l === -1) fits = fits && out.add(`  ${node(i)}`);
  });
  deps.forEach((list, i) => {
    for (const d of list) fits = fits && out.add(`  a${d} --> a${i}`);
  });
  const byClass = new Map<StatusClass, string[]>();
  plan.achievements.forEach((a, i) => {
    addTo(byClass, statusClass(a), `a${i}`);
  });
  fits = fits && addClasses(out, byClass);
  return fits ? out.text : null;
}

/**
 * One node per level. With `keep` below half the levels, only the first and last `keep` levels
 * are drawn and the middle ones become one gap node; edges join levels with a dependency between
 * them (through the gap node for hidden levels).
 */
function levelGraph(input: GraphInput, keep: number): string | null {
  const { plan, layout, deps } = input;
  const count = plan.levels.length;
  const hidden = count > 2 * keep ? count - 2 * keep : 0;
  const nodeOf = (l: number) => (hidden > 0 && l >= keep && l < count - keep ? "gap" : `l${l}`);

  const edges = new Set<string>();
  deps.forEach((list, i) => {
    const to = layout.levelOf[i]!;
    for (const d of list) {
      const from = layout.levelOf[d]!;
      if (from === -1 || to === -1) continue;
      const a = nodeOf(from);
      const b = nodeOf(to);
      if (a !== b) edges.add(`  ${a} --> ${b}`);
    }
  });
  if (edges.size > input.maxEdges) return null;

  const out = new LineBudget(input.maxBytes);
  const byClass = new Map<StatusClass, string[]>();
  let fits = out.add(input.header);
  for (let l = 0; fits && l < count; l++) {
    if (nodeOf(l) === "gap") {
      if (l === keep) fits = out.add(`  gap["${gapLabel(input, keep, hidden)}"]`);
      continue;
    }
    const members = layout.members[l]!;
    const done = members.filter((i) => isDone(plan.achievements[i]!.status)).length;
    const label = `${levelTitle(plan, l)}: ${members.length} achievements, ${done} done`;
    fits = out.add(`  l${l}["${mermaidLabel(label, 120)}"]`);
    addTo(byClass, levelClass(input, l), `l${l}`);
  }
  for (const edge of edges) fits = fits && out.add(edge);
  fits = fits && addClasses(out, byClass);
  return fits ? out.text : null;
}

function planNodeGraph(input: GraphInput): string {
  const { plan } = input;
  const done = plan.achievements.filter((a) => isDone(a.status)).length;
  const label = `${plan.name}: ${plan.achievements.length} achievements in ${plan.levels.length} levels, ${done} done`;
  return `${input.header}\n  plan["${mermaidLabel(label, 120)}"]\n`;
}

function gapLabel(input: GraphInput, keep: number, hidden: number): string {
  const { plan, layout } = input;
  let achievements = 0;
  let done = 0;
  for (let l = keep; l < keep + hidden; l++) {
    for (const i of layout.members[l]!) {
      achievements++;
      if (isDone(plan.achievements[i]!.status)) done++;
    }
  }
  return mermaidLabel(`… ${hidden} levels: ${achievements} achievements, ${done} done`, 120);
}

function levelTitle(plan: PlanReport, l: number): string {
  const level = plan.levels[l]!;
  const mode = level.canParallelize ? "parallel" : "sequential";
  return mermaidLabel(`Level ${level.level} (${mode})`, 40);
}

/** A level's colour: done, failed, under way, ready to start, or waiting. */
function levelClass(input: GraphInput, l: number): StatusClass {
  const level = input.plan.levels[l]!;
  const classes = input.layout.members[l]!.map((i) => statusClass(input.plan.achievements[i]!));
  if (level.complete) return "complete";
  if (classes.includes("failed")) return "failed";
  if (classes.some((c) => c === "progress" || c === "complete")) return "progress";
  return level.ready ? "ready" : "blocked";
}

function addTo(byClass: Map<StatusClass, string[]>, cls: StatusClass, node: string): void {
  const nodes = byClass.get(cls);
  if (nodes) nodes.push(node);
  else byClass.set(cls, [node]);
}

function addClasses(out: LineBudget, byClass: Map<StatusClass, string[]>): boolean {
  let fits = true;
  for (const cls of STATUS_CLASSES) {
    const nodes = byClass.get(cls);
    if (!nodes) continue;
    const { fill, stroke } = CLASS_COLORS[cls];
    fits = fits && out.add(`  classDef ${cls} fill:${fill},stroke:${stroke},color:#212529`);
    // Chunked so no single line grows without bound.
    for (let i = 0; fits && i < nodes.length; i += 200) {
      fits = out.add(`  class ${nodes.slice(i, i + 200).join(",")} ${cls}`);
    }
  }
  return fits;
}

/** The same graph for Graphviz `dot`: one cluster per level, nodes filled by status. No size cap. */
export function renderDot(plan: PlanReport): string {
  const layout = layoutPlan(plan);
  const deps = dependencyIndexes(plan, layout);
  const lines = [
    `digraph ${dotString(plan.name)} {`,
    "  rankdir=LR;",
    '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
  ];
  const node = (i: number, indent: string) => {
    const a = plan.achievements[i]!;
    const { fill, stroke } = CLASS_COLORS[statusClass(a)];
    const label = dotString(`${a.id}: ${a.title}`, 60);
    lines.push(`${indent}a${i} [label=${label}, fillcolor="${fill}", color="${stroke}"];`);
  };
  plan.levels.forEach((level, l) => {
    const mode = level.canParallelize ? "parallel" : "sequential";
    lines.push(`  subgraph cluster_${l} {`);
    lines.push(`    label=${dotString(`Level ${level.level} (${mode})`)};`);
    for (const i of layout.members[l]!) node(i, "    ");
    lines.push("  }");
  });
  layout.levelOf.forEach((l, i) => {
    if (l === -1) node(i, "  ");
  });
  deps.forEach((list, i) => {
    for (const d of list) lines.push(`  a${d} -> a${i};`);
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}
