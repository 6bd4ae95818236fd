import { describe, expect, it } from "@jest/globals";
import { checkRequest, contractInfo, findOperation } from "./openapi-contract.js";

const CHECK_RUNS = "https://api.github.com/repos/octo/plans/check-runs";
const SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

function annotations(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    path: "work-space/plans/X/parallel.json",
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: "failure",
    message: `finding ${i + 1}`,
    title: "dependency-cycle",
  }));
}

const createBody = {
  name: "parallel-plans",
  head_sha: SHA,
  status: "in_progress",
  external_id: "parallel-plans@1",
  started_at: "2024-05-01T10:00:00Z",
  output: { title: "1 error", summary: "## Plans\n", annotations: annotations(50) },
};

const updateBody = {
  status: "completed",
  conclusion: "failure",
  completed_at: "2024-05-01T10:00:05Z",
  output: { title: "1 error", summary: "s", text: "t", annotations: annotations(50) },
  actions: [{ label: "Fan out level 2", description: "Open one issue each", identifier: "fan-2" }],
};

function problems(method: string, url: string, body?: unknown): string[] {
  return checkRequest(method, url, body).map((v) => v.problem);
}

describe("checkRequest accepts the requests the app sends", () => {
  it.each([
    ["POST", CHECK_RUNS, createBody],
    ["PATCH", `${CHECK_RUNS}/4`, updateBody],
    ["GET", "https://api.github.com/repos/octo/plans/pulls/7/files?per_page=100&page=2", undefined],
    ["GET", `https://api.github.com/repos/octo/plans/compare/${SHA}...main`, undefined],
    ["POST", "https://api.github.com/repos/octo/plans/issues/7/comments", { body: "Hello" }],
    ["GET", "/repos/octo/plans/git/trees/main?recursive=1", undefined],
    ["GET", "/repos/octo/plans/contents/.github%2Fparallel-plans.yml?ref=main", undefined],
    ["GET", "/repos/octo/plans/collaborators/mona/permission", undefined],
    ["POST", "/app/installations/1/access_tokens", {}],
    ["POST", "https://api.github.com/graphql", { query: "{ viewer { login } }", variables: {} }],
    ["POST", "https://ghe.example.com/api/graphql", { query: "query { viewer { login } }" }],
    ["PATCH", "https://ghe.example.com/api/v3/repos/octo/plans/check-runs/4", updateBody],
  ])("%s %s", (method, url, body) => {
    expect(problems(method, url, body)).toEqual([]);
  });

  it("reads a body given as JSON text like the object", () => {
    expect(problems("POST", CHECK_RUNS, JSON.stringify(createBody))).toEqual([]);
  });
});

describe("checkRequest reports contract violations", () => {
  it.each([
    [
      "51 annotations in one request",
      "POST",
      CHECK_RUNS,
      { ...createBody, output: { ...createBody.output, annotations: annotations(51) } },
      /body \/output\/annotations must NOT have more than 50 items/,
    ],
    [
      "a conclusion outside the enum",
      "PATCH",
      `${CHECK_RUNS}/4`,
      { ...updateBody, conclusion: "passed" },
      /body \/conclusion must be equal to one of the allowed values \(action_required, .*\)/,
    ],
    [
      "an output without a title",
      "POST",
      CHECK_RUNS,
      { ...createBody, output: { summary: "s" } },
      /body \/output must have required property 'title'/,
    ],
    [
      "a check run created without a name",
      "POST",
      CHECK_RUNS,
      { head_sha: SHA },
      /body must have required property 'name'/,
    ],
    [
      "a summary over 65,535 characters",
      "POST",
      CHECK_RUNS,
      { ...createBody, output: { title: "t", summary: "x".repeat(65_536) } },
      /body \/output\/summary must NOT have more than 65535 characters/,
    ],
    [
      "a completed run without a conclusion",
      "PATCH",
      `${CHECK_RUNS}/4`,
      { status: "completed" },
      /body must have required property 'conclusion'/,
    ],
    [
      "a body property the schema does not know",
      "POST",
      CHECK_RUNS,
      { ...createBody, annotations: [] },
      /body property annotations is not in the schema of checks\/create/,
    ],
    [
      "an unknown route",
      "POST",
      "https://api.github.com/repos/o/r/check-run",
      createBody,
      /no such route/,
    ],
    [
      "a method the route does not take",
      "DELETE",
      `${CHECK_RUNS}/4`,
      undefined,
      /does not accept DELETE \(only GET, PATCH\)/,
    ],
    [
      "a path parameter of the wrong type",
      "PATCH",
      `${CHECK_RUNS}/undefined`,
      updateBody,
      /path parameter check_run_id must be integer/,
    ],
    [
      "an undeclared query parameter",
      "GET",
      "/repos/o/r/pulls/7/files?perpage=100",
      undefined,
      /undeclared query parameter perpage/,
    ],
    [
      "a query parameter of the wrong type",
      "GET",
      "/repos/o/r/pulls/7/files?per_page=all",
      undefined,
      /query parameter per_page must be integer/,
    ],
    ["a missing required body", "POST", "/repos/o/r/issues/7/comments", undefined, /required/],
    ["GraphQL without a query", "POST", "/graphql", { variables: {} }, /string query/],
    ["GraphQL over GET", "GET", "/graphql", undefined, /takes POST/],
  ])("%s", (_name, method, url, body, expected) => {
    expect(problems(method, url, body)).toEqual(
      expect.arrayContaining([expect.stringMatching(expected)]),
    );
  });

  it("names the method and the path as sent", () => {
    expect(checkRequest("post", "https://api.github.com/repos/o/r/check-run?x=1", {})).toEqual([
      {
        method: "POST",
        path: "/repos/o/r/check-run?x=1",
        problem: "no such route in GitHub's REST API",
      },
    ]);
  });
});

describe("findOperation", () => {
  it.each([
    ["GET", "/repos/o/r/issues/comments", "/repos/{owner}/{repo}/issues/comments"],
    ["GET", "/repos/o/r/issues/7", "/repos/{owner}/{repo}/issues/{issue_number}"],
    [
      "GET",
      "/repos/o/r/contents/work-space/plans/X/parallel.json",
      "/repos/{owner}/{repo}/contents/{path}",
    ],
    ["GET", "/repos/o/r/git/ref/heads/feature/x", "/repos/{owner}/{repo}/git/ref/{ref}"],
    ["GET", "/repos/o/r/compare/main...topic", "/repos/{owner}/{repo}/compare/{basehead}"],
    ["POST", "/api/v3/repos/o/r/check-runs", "/repos/{owner}/{repo}/check-runs"],
  ])("routes %s %s to the most specific template", (method, url, template) => {
    expect(findOperation(method, url)?.template).toBe(template);
  });

  it("names the operation", () => {
    expect(findOperation("PATCH", `${CHECK_RUNS}/4`)).toEqual({
      method: "PATCH",
      template: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
      operationId: "checks/update",
    });
  });
});

describe("contractInfo", () => {
  it("loads the api.github.com description once", () => {
    const first = contractInfo();
    expect(first).toEqual({
      openapi: "3.0.3",
      routes: expect.any(Number),
      loadMillis: expect.any(Number),
    });
    expect(first.routes).toBeGreaterThan(500);
    expect(contractInfo().loadMillis).toBe(first.loadMillis);
  });
});
