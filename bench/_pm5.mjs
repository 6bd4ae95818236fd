import { parsePlanMarkdown } from "../dist/core/plan-markdown.js";
import { hostileMarkdown, seedsPlanOfSize } from "./support/hostile-plans.js";
const t = (f) => {
  const s = performance.now();
  f();
  return (performance.now() - s).toFixed(0);
};
for (const kb of [128, 256, 512, 1024]) {
  const h = hostileMarkdown(kb * 1024);
  const s = seedsPlanOfSize(kb * 1024);
  console.log(
    kb,
    "KiB label",
    t(() => parsePlanMarkdown(h["label lines"])),
    t(() => parsePlanMarkdown(h["label lines"])),
    "headings",
    t(() => parsePlanMarkdown(h["achievement headings"])),
    "seeds",
    t(() => parsePlanMarkdown(s)),
    "emph",
    t(() => parsePlanMarkdown(h["emphasis runs"])),
    "html",
    t(() => parsePlanMarkdown(h["html openers"])),
  );
}
