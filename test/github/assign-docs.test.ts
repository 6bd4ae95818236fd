/**
 * docs/executor-assignment.md shows the achievement and tracking issues as the app writes them
 * for the seeds' level 3; this test keeps it so. Refresh with
 * `UPDATE_DOCS=1 npm run test:unit -- test/github/assign-docs.test.ts`.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync, writeFileSync } from "node:fs";
import { levelIssues } from "../../src/core/assignment/level-issues.js";
import { DEFAULT_PATTERNS } from "../../src/core/options.js";
import { fenceFor } from "../../src/render/sanitize.js";
import { examplePlan } from "../prompts/example-plan.js";

const DOC = "docs/executor-assignment.md";

function level3() {
  return levelIssues(examplePlan().plan, 3, {
    patterns: DEFAULT_PATTERNS,
    labels: ["parallel-plans"],
    numbers: new Map([["2.3", 12]]),
  });
}

function fenced(text: string): string {
  const fence = fenceFor(text);
  return `${fence}markdown\n${text}\n${fence}\n`;
}

const REGIONS: Record<string, () => string> = {
  "achievement-title": () => `\`${level3().achievements[0]!.title}\`\n`,
  "achievement-body": () => fenced(level3().achievements[0]!.body),
  "tracking-body": () => fenced(level3().tracking.body),
};

describe("docs/executor-assignment.md", () => {
  it("shows the issues exactly as the app writes them", () => {
    let doc = readFileSync(DOC, "utf8");
    for (const [name, render] of Object.entries(REGIONS)) {
      const start = `<!-- ${name}:start -->\n`;
      const from = doc.indexOf(start) + start.length;
      const to = doc.indexOf(`<!-- ${name}:end -->`);
      if (from < start.length || to < from) throw new Error(`${DOC} has no region ${name}`);
      const expected = render();
      if (process.env.UPDATE_DOCS === "1") doc = doc.slice(0, from) + expected + doc.slice(to);
      else expect(doc.slice(from, to)).toBe(expected);
    }
    if (process.env.UPDATE_DOCS === "1") writeFileSync(DOC, doc);
  });
});
