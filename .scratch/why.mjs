import { readFileSync } from "node:fs";
import { parsePlainBlocks } from "../src/core/plan-markdown/plain-blocks.ts";
import { splitIntoChunks } from "../src/core/plan-markdown/chunking.ts";
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, "utf8");
  for (const c of splitIntoChunks(text)) {
    const lines = text.slice(c.start, c.end).split("\n");
    if (parsePlainBlocks(lines.join("\n")) !== null) continue;
    let n = 1; while (n <= lines.length && parsePlainBlocks(lines.slice(0, n).join("\n")) !== null) n++;
    console.log(f.split("/")[1], c.line + n - 1, JSON.stringify(lines[n - 1]?.slice(0, 100)));
  }
}
