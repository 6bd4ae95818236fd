import { parsePlanMarkdown } from "../dist/core/plan-markdown.js";
import { hostileMarkdown } from "./support/hostile-plans.js";
const text = hostileMarkdown(64 * 1024)["label lines"];
for (let i = 0; i < 4; i++) parsePlanMarkdown(text);
