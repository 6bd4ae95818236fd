/**
 * The subset of Mermaid flowchart syntax the renderer emits, checked line by line: every line
 * has a known shape, labels hold nothing that ends them, subgraphs close, edges join declared
 * nodes. (No Mermaid parser runs in the tests; this is the contract the renderer keeps.)
 */
const LABEL = String.raw`"[^"\[\]\x60\n\r]*"`;
const NODE = String.raw`(?:a\d+|l\d+|gap|plan)`;
const PATTERNS: Record<string, RegExp> = {
  header: /^flowchart (?:LR|TD)$/,
  subgraph: new RegExp(String.raw`^  subgraph L\d+ \[${LABEL}\]$`),
  node: new RegExp(String.raw`^ {2,4}(${NODE})\[${LABEL}\]$`),
  end: /^ {2}end$/,
  edge: new RegExp(String.raw`^  (${NODE}) --> (${NODE})$`),
  classDef: /^ {2}classDef \w+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}$/,
  class: /^ {2}class [\w,]+ \w+$/,
};

/** Problems found in `text`; empty when it is a well-formed flowchart. */
export function mermaidProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith("\n")) problems.push("no final newline");
  const lines = text.slice(0, -1).split("\n");
  if (!PATTERNS.header!.test(lines[0] ?? "")) problems.push(`bad header: ${lines[0]}`);
  const nodes = new Set<string>();
  const edges: [string, string][] = [];
  let depth = 0;
  for (const line of lines.slice(1)) {
    const kind = Object.keys(PATTERNS).find((k) => k !== "header" && PATTERNS[k]!.test(line));
    if (kind === undefined) problems.push(`unexpected line: ${line}`);
    if (kind === "subgraph") depth++;
    if (kind === "end") depth--;
    if (depth < 0 || depth > 1) problems.push("unbalanced subgraph");
    if (kind === "node") nodes.add(PATTERNS.node!.exec(line)![1]!);
    if (kind === "edge") {
      const [, from, to] = PATTERNS.edge!.exec(line)!;
      edges.push([from!, to!]);
    }
  }
  if (depth !== 0) problems.push("subgraph not closed");
  for (const [from, to] of edges) {
    if (!nodes.has(from) || !nodes.has(to)) problems.push(`edge to undeclared node ${from}→${to}`);
  }
  return problems;
}

export function countMatches(text: string, re: RegExp): number {
  return text.match(new RegExp(re.source, "gm"))?.length ?? 0;
}
