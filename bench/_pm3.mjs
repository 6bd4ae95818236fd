import { parsePlanMarkdown } from "../dist/core/plan-markdown.js";
import { hostileMarkdown } from "./support/hostile-plans.js";
for (const kb of [32, 64, 128, 256]) {
  const text = hostileMarkdown(kb * 1024)["label lines"];
  for (let i = 0; i < 2; i++) {
    const s = performance.now();
    const d = parsePlanMarkdown(text);
    console.log(kb, (performance.now() - s).toFixed(0), d.achievements[0]?.sections.length);
  }
}
