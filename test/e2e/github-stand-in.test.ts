/**
 * The loopback GitHub stand-in fails what GitHub would refuse or it cannot answer: a request
 * breaking the OpenAPI description and a request it has no state for both land in `problems()`,
 * while a documented request it knows is answered from its state and leaves none.
 */
import { afterEach, expect, it } from "@jest/globals";
import { GitHubStandIn } from "./github-stand-in.js";

const PLAN_JSON = "plans/A/parallel.json";
let gh: GitHubStandIn | undefined;

afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

async function standIn(): Promise<{ gh: GitHubStandIn; base: string }> {
  gh = new GitHubStandIn({
    owner: "acme",
    repo: "plans",
    defaultBranch: "main",
    files: { [PLAN_JSON]: "{}\n" },
    headSha: "a".repeat(40),
    permissions: { octocat: "write" },
    latencyMs: 0,
  });
  return { gh, base: `http://${await gh.listen("test")}` };
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

it("answers documented requests from its state, recording which client sent them", async () => {
  const { gh, base } = await standIn();
  const created = await post(`${base}/api/v3/repos/acme/plans/issues`, {
    title: "One",
    body: "text",
    labels: ["parallel-plans"],
  });
  expect(created.status).toBe(201);
  const listed = await fetch(
    `${base}/api/v3/repos/acme/plans/issues?labels=parallel-plans&state=all&per_page=100`,
  );
  expect(((await listed.json()) as { title: string }[]).map((i) => i.title)).toEqual(["One"]);
  const graphql = await post(`${base}/api/graphql`, {
    query: "query Q($owner: String!, $name: String!, $b0: String!) { repository { b0 } }",
    variables: { owner: "acme", name: "plans", b0: `${"a".repeat(40)}:${PLAN_JSON}` },
  });
  expect(await graphql.json()).toMatchObject({ data: { repository: { b0: { text: "{}\n" } } } });
  expect(gh.problems()).toEqual([]);
  expect(gh.issues[0]).toMatchObject({ number: 1, createdBy: "test" });
  expect(gh.requests.map((r) => `${r.client} ${r.method} ${r.status}`)).toEqual([
    "test POST 201",
    "test GET 200",
    "test POST 200",
  ]);
});

it("records a request breaking GitHub's contract and one it cannot answer", async () => {
  const { gh, base } = await standIn();
  // `title` is required by GitHub's description of issues/create.
  await post(`${base}/api/v3/repos/acme/plans/issues`, { body: "no title" });
  const unknown = await fetch(`${base}/api/v3/repos/acme/plans/pulls/1/files`);
  expect(unknown.status).toBe(404);
  const graphql = await post(`${base}/api/graphql`, {
    query: "query Q($owner: String!, $name: String!, $x: String!) { repository { x } }",
    variables: { owner: "acme", name: "plans", x: "what" },
  });
  expect(graphql.status).toBe(404);
  const problems = gh.problems();
  expect(problems).toHaveLength(3);
  expect(problems[0]).toMatch(/^test: POST \/repos\/acme\/plans\/issues: .*title/);
  expect(problems[1]).toBe(
    "test: GET /repos/acme/plans/pulls/1/files has no answer in the stand-in",
  );
  expect(problems[2]).toBe("test: POST /api/graphql has no answer in the stand-in");
});
