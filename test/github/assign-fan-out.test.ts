/**
 * Level fan-out against a fake GitHub (nock, no unused mocks, every request checked against
 * GitHub's OpenAPI description), with the API calls of each scenario counted.
 */
import { describe, expect, it } from "@jest/globals";
import type { Logger } from "probot";
import { ProbotOctokit } from "probot";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import type { PlanReport } from "../../src/core/model.js";
import { DEFAULT_PATTERNS, resolveOptions } from "../../src/core/options.js";
import type { SnapshotFile } from "../../src/core/types.js";
import { fanOutLevel, type FanOutRequest } from "../../src/github/assign/fan-out.js";
import { renderFanOut } from "../../src/github/assign/fan-out-reply.js";
import { readLabels } from "../../src/github/assign/labels-query.js";
import { MemoryLock } from "../../src/github/pipeline/memory-lock.js";
import { MemoryPacer } from "../../src/github/pipeline/memory-pacer.js";
import { paceRequests } from "../../src/github/pipeline/paced-requests.js";
import { installNockGuards } from "../support/github-mock.js";
import { examplePlan } from "../prompts/example-plan.js";
import { AssignGitHub } from "./assign-fake.js";
import { fakeHelloWorld } from "./harness.js";

installNockGuards();

const LOG = { info: () => undefined, warn: () => undefined } as unknown as Logger;
const ASSIGN = { labels: ["parallel-plans"], sub_issues: true, blocked_by: true };

function setup() {
  const gh = fakeHelloWorld();
  const issues = new AssignGitHub(gh);
  const sleeps: number[] = [];
  let clock = 0;
  // The app's one pacer, on an injected clock: the fan-out's writes are paced like every other.
  const pacer = new MemoryPacer({
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  const octokit = paceRequests(
    new ProbotOctokit({
      auth: { token: "test" },
      retry: { enabled: false },
      throttle: { enabled: false },
    }),
    { pacer, key: "installation:1", now: () => clock },
  );
  const request = (
    plan: PlanReport,
    level: number,
    extra: Partial<FanOutRequest> = {},
  ): FanOutRequest => ({
    octokit,
    log: LOG,
    repo: { owner: gh.owner, repo: gh.repo, id: 1296269 },
    plan,
    level,
    patterns: DEFAULT_PATTERNS,
    assign: ASSIGN,
    lock: new MemoryLock(),
    dryRun: false,
    ...extra,
  });
  const calls = () => gh.callLines();
  return { gh, issues, request, sleeps, calls, elapsed: () => clock };
}

function generatedLevel(count: number): PlanReport {
  const json = JSON.stringify({
    plan_name: "BIG",
    version: "1.0",
    levels: [
      {
        level: 1,
        can_parallelize: true,
        max_parallelism: count,
        reason: "independent",
        achievements: Array.from({ length: count }, (_, i) => ({
          id: `1.${i + 1}`,
          title: `Achievement 1.${i + 1}`,
          estimated_hours: 1,
          dependencies: [],
          status: "not_started",
        })),
      },
    ],
  });
  const path = "work-space/plans/BIG/parallel.json";
  const files = new Map<string, SnapshotFile>([[path, { path, size: json.length, content: json }]]);
  const plan = analyzeSnapshot({ files }, resolveOptions({ plans: ["work-space/plans/*"] }))
    .plans[0];
  if (!plan) throw new Error("no plan");
  return plan;
}

const LIST = "GET /issues";
const CREATE = "POST /issues";

describe("fanOutLevel", () => {
  it("fans the seeds' level 3 out in 12 calls: listing, labels, 4 issues, 3 sub-issues", async () => {
    const { gh, issues, request, calls } = setup();
    issues
      .expectListIssues()
      .expectListLabels()
      .expectCreateLabels(3)
      .expectCreateIssues(4)
      .expectSubIssues(3);

    const result = await fanOutLevel(request(examplePlan().plan, 3));

    expect(calls()).toEqual([
      LIST,
      "GET /labels",
      "POST /labels",
      "POST /labels",
      "POST /labels",
      CREATE,
      CREATE,
      CREATE,
      CREATE,
      "POST /issues/100/sub_issues",
      "POST /issues/100/sub_issues",
      "POST /issues/100/sub_issues",
    ]);
    expect(result.tracking).toEqual({
      number: 100,
      title: "[PARALLEL-EXECUTION-AUTOMATION] Level 3",
    });
    expect(result.created.map((i) => i.number)).toEqual([101, 102, 103]);
    expect(result.failure).toBeNull();
    const tracking = issues.byNumber(100);
    expect(tracking.subIssues).toEqual([101, 102, 103]);
    expect(issues.byNumber(102).labels).toEqual([
      "parallel-plans",
      "plan:PARALLEL-EXECUTION-AUTOMATION",
      "level:3",
    ]);
    gh.mock.done();
  });

  it("writes nothing on each of 3 re-runs: one listing call each", async () => {
    const { gh, issues, request, calls } = setup();
    const plan = examplePlan().plan;
    issues
      .expectListIssues()
      .expectListLabels()
      .expectCreateLabels(3)
      .expectCreateIssues(4)
      .expectSubIssues(3);
    await fanOutLevel(request(plan, 3));
    const before = calls().length;
    issues.expectListIssues().expectListIssues().expectListIssues();

    for (let i = 0; i < 3; i++) {
      const again = await fanOutLevel(request(plan, 3));
      expect(again.created).toEqual([]);
      expect(again.edited).toEqual([]);
      expect(renderFanOut(again)).toMatch(/already has its issues.*nothing was written/);
    }

    expect(calls().slice(before)).toEqual([LIST, LIST, LIST]);
    expect(issues.issues).toHaveLength(4);
    gh.mock.done();
  });

  it("does not duplicate two fan-outs of the same level started at the same moment", async () => {
    const { gh, issues, request } = setup();
    const plan = examplePlan().plan;
    const lock = new MemoryLock();
    issues
      .expectListIssues()
      .expectListLabels()
      .expectCreateLabels(3)
      .expectCreateIssues(4)
      .expectSubIssues(3);
    issues.expectListIssues();

    const [first, second] = await Promise.all([
      fanOutLevel(request(plan, 3, { lock })),
      fanOutLevel(request(plan, 3, { lock })),
    ]);

    expect(first.created).toHaveLength(3);
    expect(second.created).toEqual([]);
    expect(issues.issues).toHaveLength(4);
    gh.mock.done();
  });

  it("stops when the 3rd of 5 creations fails, says what was and was not made, then makes only the rest", async () => {
    const { gh, issues, request, calls } = setup();
    const plan = examplePlan().plan;
    issues.expectListIssues().expectListLabels().expectCreateLabels(3).expectCreateIssues(3, 3);

    const failed = await fanOutLevel(request(plan, 3));

    expect(failed.created.map((i) => i.number)).toEqual([101]);
    expect(failed.failure?.notMade).toEqual([
      expect.stringMatching(/ 3\.2 /),
      expect.stringMatching(/ 3\.3 /),
    ]);
    const reply = renderFanOut(failed);
    expect(reply).toContain("- #101 \\[PARALLEL-EXECUTION-AUTOMATION\\] 3.1");
    expect(reply).toMatch(
      /\*\*Stopped:\*\* GitHub refused "\\\[PARALLEL-EXECUTION-AUTOMATION\\\] 3\.2 .*" \(GitHub answered 500/,
    );
    expect(reply).toContain("Not made:");
    const before = calls().length;

    issues.expectListIssues().expectCreateIssues(2).expectSubIssues(3);
    const rest = await fanOutLevel(request(plan, 3));

    expect(calls().slice(before)).toEqual([
      LIST,
      CREATE,
      CREATE,
      "POST /issues/100/sub_issues",
      "POST /issues/100/sub_issues",
      "POST /issues/100/sub_issues",
    ]);
    expect(rest.created.map((i) => i.title)).toEqual([
      expect.stringMatching(/ 3\.2 /),
      expect.stringMatching(/ 3\.3 /),
    ]);
    expect(rest.failure).toBeNull();
    expect([...issues.achievementIssues().keys()].sort()).toEqual(["3.1", "3.2", "3.3"]);
    gh.mock.done();
  });

  it("links dependencies as blocked-by once both issues exist", async () => {
    const { gh, issues, request, calls } = setup();
    const plan = examplePlan({
      without: (rel) => rel !== "parallel.json" && !rel.startsWith("PLAN_"),
      edit: {
        "parallel.json": (t) =>
          t.replace(/"(complete|in_progress|subplan_created)"/g, '"not_started"'),
      },
    }).plan;
    // Level 1 is sequential: 1.2 depends on 1.1, 1.3 on 1.2, inside the level.
    issues
      .expectListIssues()
      .expectListLabels()
      .expectCreateLabels(3)
      .expectCreateIssues(4)
      .expectSubIssues(3)
      .expectBlockedBy(2);

    const result = await fanOutLevel(request(plan, 1));

    expect(result.blockedByLinked).toBe(2);
    const byId = issues.achievementIssues();
    expect(byId.get("1.2")!.blockedBy).toEqual([byId.get("1.1")!.id]);
    expect(byId.get("1.2")!.body).toMatch(/^- 1\.1 .* — #101$/m);
    expect(calls().filter((c) => c.endsWith("/blocked_by"))).toHaveLength(2);
    issues.expectListIssues();
    const again = await fanOutLevel(request(plan, 1));
    expect(again.blockedByLinked + again.created.length + again.edited.length).toBe(0);
    gh.mock.done();
  });

  it("fans out a 120-achievement level: 100 sub-issues, a note for the other 20, paced a second apart, under 80 a minute", async () => {
    const { gh, issues, request, sleeps, calls, elapsed } = setup();
    const plan = generatedLevel(120);
    issues
      .expectListIssues()
      .expectListLabels()
      .expectCreateLabels(3)
      .expectCreateIssues(121)
      .expectSubIssues(100);

    const result = await fanOutLevel(request(plan, 1));

    expect(result.created).toHaveLength(120);
    expect(result.subIssuesLinked).toBe(100);
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^GitHub holds at most 100 sub-issues per issue: 20 achievement issues \(1\.101, 1\.102/,
      ),
    ]);
    expect(issues.byNumber(100).body).toContain("listed here but not linked as sub-issues");
    expect(calls()).toHaveLength(2 + 3 + 121 + 100);
    // 224 writes (3 labels, 121 issues, 100 links), each at least a second after the one before;
    // the two listings are reads and wait for nothing.
    expect(sleeps).toHaveLength(223);
    expect(sleeps.every((ms) => ms > 0 && ms <= 1000)).toBe(true);
    expect(elapsed()).toBeGreaterThanOrEqual(223_000);
    const before = calls().length;
    issues.expectListIssues(2);
    const again = await fanOutLevel(request(plan, 1));
    expect(again.created).toEqual([]);
    expect(calls().length - before).toBe(2);
    gh.mock.done();
  });

  it("lists exactly what it would create on a dry run, and writes nothing", async () => {
    const { gh, issues, request, calls } = setup();
    issues.expectListIssues();

    const result = await fanOutLevel(request(examplePlan().plan, 3, { dryRun: true }));

    expect(calls()).toEqual([LIST]);
    expect(result.diff.createTracking?.title).toBe("[PARALLEL-EXECUTION-AUTOMATION] Level 3");
    expect(result.diff.create).toHaveLength(3);
    gh.mock.done();
  });
});

describe("readLabels", () => {
  it("gives the repository's label names from the event's read, or null past one page", () => {
    const page = (total: number, names: string[]) => ({
      repoLabels: { totalCount: total, nodes: names.map((name) => ({ name })) },
    });
    expect(readLabels(page(2, ["bug", "parallel-plans"]))).toEqual(["bug", "parallel-plans"]);
    // More labels than the read brought: the fan-out lists them over REST.
    expect(readLabels(page(101, ["bug"]))).toBeNull();
    expect(readLabels({})).toBeNull();
  });
});
