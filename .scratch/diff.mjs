import { readFileSync } from "node:fs";
import { parsePlainBlocks } from "/work/wt/startup/src/core/plan-markdown/plain-blocks.ts";
import { splitIntoChunks } from "/work/wt/startup/src/core/plan-markdown/chunking.ts";
import { unified } from "unified";
import remarkParse from "remark-parse";
const proc = unified().use(remarkParse);
const POS = new Set(["heading", "paragraph", "strong", "emphasis", "inlineCode", "listItem", "thematicBreak"]);
export function project(n) {
  const o = { type: n.type };
  if (n.type === "heading") o.depth = n.depth;
  if (n.type === "text" || n.type === "inlineCode") o.value = n.value;
  if (POS.has(n.type) && n.position) o.pos = [n.position.start.offset, n.position.end.offset, n.position.start.line, n.position.start.column, n.position.end.line, n.position.end.column];
  if (n.children) o.children = n.children.map(project);
  return o;
}
export function compare(text) {
  const mine = parsePlainBlocks(text);
  if (mine === null) return "outside";
  const ref = proc.parse(text);
  const a = JSON.stringify(project(mine)), b = JSON.stringify(project(ref));
  return a === b ? "same" : { a, b };
}
if (process.argv[1].endsWith("out.mjs")) main();
function main() {
let stats = { same: 0, outside: 0, diff: 0 };
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, "utf8");
  for (const c of splitIntoChunks(text)) {
    const piece = text.slice(c.start, c.end);
    const r = compare(piece);
    if (typeof r === "string") stats[r]++;
    else {
      stats.diff++;
      if (stats.diff <= 3) {
        console.log("DIFF in", f, "line", c.line);
        // find first differing position
        let i = 0; while (r.a[i] === r.b[i]) i++;
        console.log(" mine:", r.a.slice(Math.max(0, i - 200), i + 200));
        console.log(" ref :", r.b.slice(Math.max(0, i - 200), i + 200));
      }
    }
  }
}
console.log(stats);
}
