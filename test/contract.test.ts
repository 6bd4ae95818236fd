/**
 * Contract tests: the request shapes the app sends, produced by Probot's own Octokit, are
 * checked against GitHub's published OpenAPI description (`@octokit/openapi`).
 *
 * Every `GitHubMock.done()` in the suite already checks *each request a test made* against the
 * same description (test/support/github-mock.ts), so an app test that sends 51 annotations or
 * a made-up route fails where it happens. This file adds what per-test checks cannot promise:
 * a fixed catalogue of every shape the app is designed to send — serialised by the real Octokit
 * (URL encoding of refs, paths and `base...head` included) — and proof that the checker rejects
 * the limits DESIGN.md §5 names. It does not try to aggregate the other files' requests: Jest
 * runs test files in parallel workers in no fixed order, so no file can wait for the others.
 */
import { describe, expect, it } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { installNockGuards, mockGitHub } from "./support/github-mock.js";
import { checkRequest, findOperation } from "./support/openapi-contract.js";

installNockGuards();

type Octokit = InstanceType<typeof ProbotOctokit>;

const owner = "octo";
const repo = "plans";
const SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
const PLAN_JSON = "work-space/plans/X/parallel.json";

interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number;
  end_column: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
  raw_details: string;
}

const LEVELS = ["failure", "warning", "notice"] as const;

function annotations(count: number, from = 1): Annotation[] {
  return Array.from({ length: count }, (_, i) => ({
    path: PLAN_JSON,
    start_line: from + i,
    end_line: from + i,
    start_column: 7,
    end_column: 12,
    annotation_level: LEVELS[i % 3] ?? "notice",
    title: "dependency-cycle",
    message: `1.1 → 1.2 → 1.1 (${i})`,
    raw_details: "error",
  }));
}

const ACTIONS = [
  {
    label: "Open level 2 issues",
    description: "One issue per achievement",
    identifier: "fan-out:2",
  },
  { label: "Sync statuses", description: "Propose a PR fixing parallel.json", identifier: "sync" },
  { label: "Re-run", description: "Validate again", identifier: "rerun" },
];

/** [operation id the app means, its method, the call as the app makes it] */
const APP_REQUESTS: [string, string, (o: Octokit) => Promise<unknown>][] = [
  [
    "apps/create-installation-access-token",
    "POST",
    (o) => o.rest.apps.createInstallationAccessToken({ installation_id: 1 }),
  ],
  ["repos/get", "GET", (o) => o.rest.repos.get({ owner, repo })],
  [
    "repos/get-content",
    "GET",
    (o) =>
      o.rest.repos.getContent({ owner, repo, path: ".github/parallel-plans.yml", ref: "main" }),
  ],
  [
    "git/get-tree",
    "GET",
    (o) => o.rest.git.getTree({ owner, repo, tree_sha: SHA, recursive: "1" }),
  ],
  ["git/get-blob", "GET", (o) => o.rest.git.getBlob({ owner, repo, file_sha: SHA })],
  [
    "pulls/list-files",
    "GET",
    (o) => o.rest.pulls.listFiles({ owner, repo, pull_number: 7, per_page: 100, page: 2 }),
  ],
  [
    "repos/compare-commits-with-basehead",
    "GET",
    (o) =>
      o.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${SHA}...feature/x`,
        per_page: 100,
      }),
  ],
  [
    "checks/list-for-ref",
    "GET",
    (o) =>
      o.rest.checks.listForRef({
        owner,
        repo,
        ref: SHA,
        check_name: "parallel-plans",
        filter: "latest",
      }),
  ],
  [
    "checks/create",
    "POST",
    (o) =>
      o.rest.checks.create({
        owner,
        repo,
        name: "parallel-plans",
        head_sha: SHA,
        external_id: `parallel-plans:${SHA}`,
        status: "completed",
        conclusion: "failure",
        started_at: "2024-05-01T10:00:00Z",
        completed_at: "2024-05-01T10:00:03Z",
        output: {
          title: "2 errors in 1 plan",
          summary: "## X\n",
          text: "```mermaid\n```",
          annotations: annotations(50),
        },
        actions: ACTIONS,
      }),
  ],
  [
    "checks/update",
    "PATCH",
    (o) =>
      o.rest.checks.update({
        owner,
        repo,
        check_run_id: 4,
        output: {
          title: "2 errors in 1 plan",
          summary: "## X\n",
          annotations: annotations(50, 51),
        },
      }),
  ],
  [
    "issues/list-for-repo",
    "GET",
    (o) =>
      o.rest.issues.listForRepo({
        owner,
        repo,
        labels: "parallel-plans",
        state: "all",
        per_page: 100,
      }),
  ],
  [
    "issues/create",
    "POST",
    (o) =>
      o.rest.issues.create({
        owner,
        repo,
        title: "X 2.1: Build the parser",
        body: '<!-- parallel-plans:{"kind":"achievement","plan":"X","id":"2.1"} -->\n…',
        labels: ["parallel-plans", "level-2"],
        assignees: ["mona"],
      }),
  ],
  [
    "issues/update",
    "PATCH",
    (o) =>
      o.rest.issues.update({
        owner,
        repo,
        issue_number: 9,
        state: "closed",
        state_reason: "completed",
      }),
  ],
  [
    "issues/add-sub-issue",
    "POST",
    (o) => o.rest.issues.addSubIssue({ owner, repo, issue_number: 8, sub_issue_id: 1_234_567 }),
  ],
  [
    "issues/add-blocked-by-dependency",
    "POST",
    (o) =>
      o.rest.issues.addBlockedByDependency({ owner, repo, issue_number: 9, issue_id: 1_234_568 }),
  ],
  [
    "issues/list-comments",
    "GET",
    (o) => o.rest.issues.listComments({ owner, repo, issue_number: 7, per_page: 100 }),
  ],
  [
    "issues/create-comment",
    "POST",
    (o) => o.rest.issues.createComment({ owner, repo, issue_number: 7, body: "x".repeat(65_536) }),
  ],
  [
    "issues/update-comment",
    "PATCH",
    (o) => o.rest.issues.updateComment({ owner, repo, comment_id: 5, body: "updated" }),
  ],
  [
    "reactions/create-for-issue-comment",
    "POST",
    (o) => o.rest.reactions.createForIssueComment({ owner, repo, comment_id: 5, content: "eyes" }),
  ],
  [
    "repos/get-collaborator-permission-level",
    "GET",
    (o) => o.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "mona" }),
  ],
  [
    "git/get-ref",
    "GET",
    (o) => o.rest.git.getRef({ owner, repo, ref: "heads/parallel-plans/sync-x" }),
  ],
  [
    "git/create-ref",
    "POST",
    (o) => o.rest.git.createRef({ owner, repo, ref: "refs/heads/parallel-plans/sync-x", sha: SHA }),
  ],
  [
    "repos/create-or-update-file-contents",
    "PUT",
    (o) =>
      o.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: PLAN_JSON,
        message: "Sync parallel.json statuses",
        content: Buffer.from("{}\n").toString("base64"),
        sha: SHA,
        branch: "parallel-plans/sync-x",
      }),
  ],
  [
    "pulls/list",
    "GET",
    (o) => o.rest.pulls.list({ owner, repo, head: "octo:parallel-plans/sync-x", state: "open" }),
  ],
  [
    "pulls/create",
    "POST",
    (o) =>
      o.rest.pulls.create({
        owner,
        repo,
        title: "Sync X",
        head: "parallel-plans/sync-x",
        base: "main",
        body: "…",
      }),
  ],
  [
    "graphql",
    "POST",
    (o) =>
      o.graphql(
        "query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { id } }",
        {
          owner,
          repo,
        },
      ),
  ],
];

function octokitFor(baseUrl: string): Octokit {
  return new ProbotOctokit({
    auth: { token: "test" },
    baseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

describe.each([
  ["api.github.com", "https://api.github.com", "https://api.github.com"],
  ["GitHub Enterprise Server", "https://ghe.example.com", "https://ghe.example.com/api/v3"],
])("every request shape the app sends to %s", (_name, origin, baseUrl) => {
  it.each(APP_REQUESTS)(
    "%s is documented and its body fits the schema",
    async (operationId, method, send) => {
      const mock = mockGitHub(origin);
      mock.api.intercept(() => true, method).reply(200, { data: {} });

      await send(octokitFor(baseUrl));

      expect(mock.requests).toHaveLength(1);
      const [request] = mock.requests;
      expect(findOperation(request?.method ?? "", request?.url ?? "")?.operationId).toBe(
        operationId,
      );
      mock.done(); // throws listing every contract violation
    },
  );
});

describe("the checker rejects what GitHub's limits forbid (DESIGN.md §5)", () => {
  const checkRuns = `/repos/${owner}/${repo}/check-runs`;
  const output = { title: "t", summary: "s" };

  it.each([
    [
      "51 annotations in one request",
      { output: { ...output, annotations: annotations(51) } },
      /more than 50 items/,
    ],
    [
      "a summary over 65,535 characters",
      { output: { ...output, summary: "x".repeat(65_536) } },
      /more than 65535 characters/,
    ],
    [
      "a text over 65,535 characters",
      { output: { ...output, text: "x".repeat(65_536) } },
      /more than 65535 characters/,
    ],
    [
      "four actions",
      { actions: [...ACTIONS, ACTIONS[0]] },
      /\/actions must NOT have more than 3 items/,
    ],
    [
      "an action label over 20 characters",
      { actions: [{ ...ACTIONS[0], label: "x".repeat(21) }] },
      /\/label must NOT have more than 20/,
    ],
    [
      "an action description over 40 characters",
      { actions: [{ ...ACTIONS[0], description: "x".repeat(41) }] },
      /\/description must NOT have more than 40/,
    ],
    [
      "an action identifier over 20 characters",
      { actions: [{ ...ACTIONS[0], identifier: "x".repeat(21) }] },
      /\/identifier must NOT have more than 20/,
    ],
    [
      "an unknown conclusion",
      { status: "completed", conclusion: "passed" },
      /\/conclusion must be equal to one of the allowed values/,
    ],
    [
      "an annotation without a message",
      {
        output: {
          ...output,
          annotations: [{ path: "p", start_line: 1, end_line: 1, annotation_level: "failure" }],
        },
      },
      /must have required property 'message'/,
    ],
  ])("%s", (_name, fields, expected) => {
    const violations = checkRequest("POST", checkRuns, {
      name: "parallel-plans",
      head_sha: SHA,
      ...fields,
    });

    expect(violations.map((v) => v.problem)).toEqual(
      expect.arrayContaining([expect.stringMatching(expected)]),
    );
  });

  it("rejects a sub-issue given by number text instead of its id", () => {
    const violations = checkRequest("POST", `/repos/${owner}/${repo}/issues/8/sub_issues`, {
      sub_issue_id: "#9",
    });

    expect(violations.map((v) => v.problem)).toEqual(["body /sub_issue_id must be integer"]);
  });
});
