/**
 * Ids, titles and folder names holding terminal escapes (ESC, BEL), bidi overrides and isolates
 * (U+202E, U+2066) and line separators (U+2028, NEL) come out of every output visibly escaped:
 * every CLI command and format, stderr, the sync diff, the check run and the achievement issue.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { achievementIssue } from "../../src/core/assignment/achievement-issue.js";
import { resolveOptions } from "../../src/core/options.js";
import { planCheck } from "../../src/github/check/check-run.js";
import { readLocalSnapshot } from "../../src/sources/local-source.js";
import { planInputMatcher } from "../../src/sources/plan-inputs.js";
import { argsFor, COMMANDS } from "../../bench/support/hostile-corpus.js";
import { makeTempDir, removeTempDir, runCli } from "../cli/harness.js";

/** Everything no output may carry raw (tab and line feed aside). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const TITLE = "Red \u001b[31mtitle\u0007 \u202Edesrever \u2066isolate\u2069 line\u2028sep\u0085nel";
const PLAN = "CTRL\u001b[2J";

let root: string;
let dir: string;

beforeAll(async () => {
  root = await makeTempDir();
  dir = path.join(root, PLAN);
  await mkdir(path.join(dir, "subplans"), { recursive: true });
  const achievement = (id: string, title: string, status: string) => ({
    id,
    title,
    estimated_hours: "1-2 hours",
    dependencies: [] as string[],
    status,
  });
  const json = {
    plan_name: PLAN,
    version: "1.0.0",
    levels: [
      {
        level: 1,
        can_parallelize: true,
        max_parallelism: 2,
        reason: "r",
        description: "Level \u202Eone",
        achievements: [
          achievement("1.1", TITLE, "in_progress"),
          achievement("1.2\u001b[31m", "Id with an escape", "not_started"),
        ],
      },
    ],
  };
  await writeFile(path.join(dir, "parallel.json"), JSON.stringify(json, null, 2));
  await writeFile(
    path.join(dir, `PLAN_${PLAN}.md`),
    `# PLAN: ${PLAN}\n\n### Achievement 1.1: ${TITLE} (1-2h)\n\n**Purpose**: Do \u001b[2J it \u202Enow.\n`,
  );
  await writeFile(
    path.join(dir, "subplans", `SUBPLAN_${PLAN}_11.md`),
    "# SUBPLAN\n\n**Approach**: run \u001b]0;title\u0007 and \u202Eread\n",
  );
});

afterAll(async () => {
  await removeTempDir(root);
});

describe("controls and bidi characters from a plan", () => {
  it.each(COMMANDS.map((c) => [c.join(" "), c] as const))(
    "are escaped by %s",
    async (_name, command) => {
      const run = await runCli(root, argsFor(command, PLAN));
      expect(run.stdout).not.toMatch(UNSAFE);
      expect(run.stderr).not.toMatch(UNSAFE);
      // Shown as `\u001B` (JSON: `\u001b`; Mermaid writes the backslash as `#92;`).
      expect(`${run.stdout}${run.stderr}`).toMatch(/(\\|#92;)u001B/i);
    },
  );

  it("show as escapes in text, markdown and JSON", async () => {
    const text = await runCli(root, ["status", PLAN]);
    expect(text.stdout).toContain("Red \\u001B[31mtitle\\u0007 \\u202Edesrever \\u2066isolate");
    const markdown = await runCli(root, ["validate", PLAN, "--format", "markdown"]);
    expect(markdown.stdout).toContain("\\\\u001B\\[2J");
    const json = await runCli(root, ["status", PLAN, "--format", "json"]);
    expect(json.stdout).toContain("\\u202E");
    const parsed = JSON.parse(json.stdout) as { plans: { achievements: { title: string }[] }[] };
    // JSON escapes decode back to the title as written: tools keying on it still match.
    expect(parsed.plans[0]?.achievements[0]?.title).toBe(TITLE);
  });

  it("show as escapes in the sync diff headers and lines", async () => {
    const run = await runCli(root, ["sync", PLAN]);
    expect(run.stdout).toContain(`--- a/CTRL\\u001B[2J/parallel.json`);
    expect(run.stdout).not.toMatch(UNSAFE);
  });

  it("show as escapes in the check run and the achievement issue", async () => {
    const options = resolveOptions();
    const snapshot = await readLocalSnapshot(dir, {
      maxFileBytes: options.limits.maxFileBytes,
      maxJsonBytes: options.limits.maxJsonBytes,
      readContent: planInputMatcher(options.patterns),
    });
    const report = analyzeSnapshot(snapshot, options);
    const check = planCheck({
      report,
      removed: [],
      notPlans: [],
      notes: [],
      strict: false,
      annotated: [],
      marker: "<!-- marker -->",
    });
    const annotations = check.annotations.flat();
    expect(annotations.length).toBeGreaterThan(0);
    for (const text of [
      check.output.title,
      check.output.summary,
      ...annotations.flatMap((a) => [a.title, a.message, a.raw_details ?? ""]),
    ]) {
      expect(text).not.toMatch(UNSAFE);
    }
    const plan = report.plans[0]!;
    const issue = achievementIssue(plan, plan.achievements[0]!, {
      patterns: options.patterns,
      labels: [],
      numbers: new Map(),
    });
    expect(issue.title).not.toMatch(UNSAFE);
    expect(issue.body.replace(/<!--[^]*?-->/g, "")).not.toMatch(UNSAFE);
    expect(issue.title).toContain("\\u001B");
  });
});
