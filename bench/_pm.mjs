import { parsePlanMarkdown } from "../dist/core/plan-markdown.js";
import { seedsPlan, seedsPlanOfSize, hostileMarkdown } from "./support/hostile-plans.js";
const t = (f) => {
  const s = performance.now();
  const r = f();
  return [performance.now() - s, r];
};
for (const n of [1000, 10000, 100000]) {
  const text = seedsPlan(n);
  parsePlanMarkdown(seedsPlan(200));
  const [ms, doc] = t(() => parsePlanMarkdown(text));
  console.log(
    `seeds ${n}: ${(text.length / 1e6).toFixed(1)} MB ${ms.toFixed(0)} ms, ${doc.achievements.length} achievements`,
  );
}
const ten = seedsPlanOfSize(10 * 1024 * 1024);
const [ms] = t(() => parsePlanMarkdown(ten));
console.log(`seeds 10MB: ${ms.toFixed(0)} ms`);
for (const [name, text] of Object.entries(hostileMarkdown(1024 * 1024))) {
  const [ms] = t(() => parsePlanMarkdown(text));
  console.log(`1MiB ${name}: ${ms.toFixed(0)} ms`);
}
