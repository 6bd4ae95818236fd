import { afterEach, describe, expect, it } from "@jest/globals";
import {
  buildClientSchema,
  extendSchema,
  GraphQLObjectType,
  GraphQLSchema,
  introspectionFromSchema,
  parse,
  printSchema,
  validateSchema,
} from "graphql";
import nock from "nock";
import { ownIssuesField } from "../../src/github/assign/own-issues-query.js";
import { buildCommentQuery } from "../../src/github/comments/comment-query.js";
import { buildSnapshotQuery } from "../../src/github/pipeline/graphql-query.js";
import { buildSyncStateQuery, syncStateFields } from "../../src/github/sync/sync-state-query.js";
import { installNockGuards, mockGitHub } from "./github-mock.js";
import {
  checkGraphqlRequest,
  describeOperation,
  buildCheckedSchema,
  buildPackagedSchema,
  graphqlContractInfo,
  SCHEMA_ADDITIONS,
} from "./graphql-contract.js";

installNockGuards();

const SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
const REPO = { owner: "octo", name: "plans" };

/** The event's one query with every part a feature adds: what a default-branch push sends. */
function fullSnapshot() {
  return buildSnapshotQuery({
    ...REPO,
    sha: SHA,
    depth: 4,
    configExpression: "main:.github/parallel-plans.yml",
    lookup: { appId: 42, checkName: "parallel-plans" },
    folders: ["plans/A", "plans/B"],
    blobs: ["plans/C/parallel.json"],
    parts: [
      ownIssuesField(),
      syncStateFields({
        history: true,
        branches: [
          { plan: "plans/A", branch: "parallel-plans/sync/A", file: "plans/A/parallel.json" },
        ],
      }),
    ],
  });
}

describe("the app's real queries", () => {
  const queries: [string, { query: string; variables: Record<string, unknown> }][] = [
    ["the event snapshot with issues and sync state", fullSnapshot()],
    ["a blob follow-up", buildSnapshotQuery({ ...REPO, sha: SHA, depth: 3, blobs: ["a/b.md"] })],
    [
      "the sync state with config",
      buildSyncStateQuery({
        ...REPO,
        defaultBranch: "main",
        configExpression: "main:.github/parallel-plans.yml",
        history: true,
        branches: [{ plan: "p", branch: "parallel-plans/sync/p", file: "p/parallel.json" }],
      }),
    ],
    [
      "a comment on a pull request, with templates",
      buildCommentQuery({ ...REPO, defaultBranch: "main", pull: 7, templates: true }),
    ],
    [
      "a comment on an issue",
      buildCommentQuery({ ...REPO, defaultBranch: "main", pull: null, templates: false }),
    ],
  ];

  it.each(queries)("%s meets GitHub's schema", (_name, request) => {
    expect(checkGraphqlRequest(request)).toEqual([]);
  });
});

describe("checkGraphqlRequest", () => {
  const issues = fullSnapshot();

  it("rejects a field the type does not have, naming the operation and the place", () => {
    const query = issues.query.replace("stateReason", "stateReasn");
    const problems = checkGraphqlRequest({ query, variables: issues.variables });
    expect(problems).toEqual([
      expect.stringMatching(
        /^query ParallelPlans\w*: Cannot query field "stateReasn" on type "Issue"\. Did you mean "stateReason" or "state"\? \(line \d+, column \d+\)$/,
      ),
    ]);
  });

  it("rejects an argument of the wrong type", () => {
    const query = `query Q($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { issues(first: "ten") { totalCount } } }`;
    expect(checkGraphqlRequest({ query, variables: REPO })).toEqual([
      expect.stringContaining('query Q: Int cannot represent non-integer value: "ten"'),
    ]);
  });

  it("rejects a variable declared with a type its position does not take", () => {
    const query = `query Q($owner: String!, $name: String!, $n: String) { repository(owner: $owner, name: $name) { issues(first: $n) { totalCount } } }`;
    expect(checkGraphqlRequest({ query, variables: { ...REPO, n: "1" } })).toEqual([
      expect.stringContaining(
        'query Q: Variable "$n" of type "String" used in position expecting type "Int"',
      ),
    ]);
  });

  it("rejects a missing non-null variable", () => {
    const variables: Record<string, unknown> = { ...issues.variables };
    delete variables.owner;
    expect(checkGraphqlRequest({ query: issues.query, variables })).toEqual([
      expect.stringMatching(/Variable "\$owner" of required type "String!" was not provided\.$/),
    ]);
  });

  it("rejects a variable value that does not fit its declared type", () => {
    const variables = { ...issues.variables, appId: "forty-two" };
    expect(checkGraphqlRequest({ query: issues.query, variables })).toEqual([
      expect.stringContaining(
        'Variable "$appId" got invalid value "forty-two"; Int cannot represent non-integer value',
      ),
    ]);
  });

  it("rejects a variable the operation does not declare", () => {
    const variables = { ...issues.variables, sha1: SHA };
    expect(checkGraphqlRequest({ query: issues.query, variables })).toEqual([
      expect.stringMatching(/: variable \$sha1 is sent but the operation does not declare it$/),
    ]);
  });

  it("rejects a connection without first or last, and a page over 100 (GitHub's limits)", () => {
    const query = `query Q($owner: String!, $name: String!, $n: Int!) { repository(owner: $owner, name: $name) { labels { totalCount } issues(last: $n) { nodes { comments(first: 0) { totalCount } } } } }`;
    expect(checkGraphqlRequest({ query, variables: { ...REPO, n: 101 } })).toEqual([
      "query Q: Repository.labels is a connection: GitHub requires first or last on it",
      "query Q: Repository.issues(last: 101): GitHub takes 1 to 100",
      "query Q: Issue.comments(first: 0): GitHub takes 1 to 100",
    ]);
  });

  it("applies the pagination rule inside fragments too", () => {
    const query = `query Q { viewer { ...Mine } } fragment Mine on User { repositories { totalCount } }`;
    expect(checkGraphqlRequest({ query })).toEqual([
      "query Q: User.repositories is a connection: GitHub requires first or last on it",
    ]);
  });

  it("reports a syntax error and an unused variable, and names an anonymous query", () => {
    expect(checkGraphqlRequest({ query: "{ viewer { login }" })).toEqual([
      expect.stringMatching(/^anonymous operation "\{ viewer \{ login \}": Syntax Error: .*line 1/),
    ]);
    expect(
      checkGraphqlRequest({ query: "query Q($x: Int) { viewer { login } }", variables: { x: 1 } }),
    ).toEqual([expect.stringContaining('query Q: Variable "$x" is never used in operation "Q".')]);
  });

  it("picks the operation by operationName, and says when none is named among several", () => {
    const query = "query A { viewer { login } } query B { viewer { id } }";
    expect(checkGraphqlRequest({ query, operationName: "B" })).toEqual([]);
    expect(checkGraphqlRequest({ query })).toEqual([
      "query A: the document has 2 operations and no operationName picks one",
    ]);
    expect(describeOperation("mutation M { x }")).toBe("mutation M");
  });

  it("adds only fields the packaged schema lacks, and would refuse one it gained", () => {
    const packaged = buildPackagedSchema();
    for (const { field } of SCHEMA_ADDITIONS) {
      const [type = "", name = ""] = field.split(".");
      const found = packaged.getType(type);
      expect(found).toBeInstanceOf(GraphQLObjectType);
      expect(Object.keys((found as GraphQLObjectType).getFields())).not.toContain(name);
    }
    expect(() => extendSchema(packaged, parse("extend type Issue { title: String! }"))).toThrow(
      'Field "Issue.title" already exists in the schema.',
    );
  });

  it("checks a field added to the packaged schema like any other, arguments included", () => {
    expect(SCHEMA_ADDITIONS.map((a) => a.field)).toEqual(graphqlContractInfo().added);
    const query = `query Q($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { issue(number: 1) { blockedBy(first: 1, states: [OPEN]) { totalCount } } } }`;
    expect(checkGraphqlRequest({ query, variables: REPO })).toEqual([
      expect.stringContaining('query Q: Unknown argument "states" on field "Issue.blockedBy".'),
    ]);
  });

  it("builds a valid GitHub schema, the same from the SDL as from the cached introspection", () => {
    const fresh = buildCheckedSchema();
    // The contract builds with `assumeValid`; here the schema is validated in full, once.
    const checked = new GraphQLSchema({ ...fresh.toConfig(), assumeValid: false });
    expect(validateSchema(checked).map(String)).toEqual([]);
    const roundTrip = buildClientSchema(introspectionFromSchema(fresh));
    expect(printSchema(roundTrip)).toBe(printSchema(fresh));
    expect(graphqlContractInfo().types).toBeGreaterThan(1500);
    const query = `query { viewer { issues(first: 1) { nodes { parent { number } subIssuesSummary { total completed percentCompleted } } } } }`;
    expect(checkGraphqlRequest({ query })).toEqual([]);
  });
});

describe("mockGitHub with GraphQL", () => {
  afterEach(() => {
    nock.cleanAll();
  });

  it("fails done() naming the query and the schema error", async () => {
    const mock = mockGitHub();
    mock.api.post("/graphql").reply(200, { data: {} });
    const query = "query Broken { viewer { loginn } }";
    await fetch("https://api.github.com/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    expect(() => mock.done()).toThrow(
      /GraphQL requests breaking GitHub's GraphQL schema:\n {2}POST \/graphql: query Broken: Cannot query field "loginn" on type "User"/,
    );
  });

  it("passes done() for a valid query, on GitHub Enterprise Server's endpoint too", async () => {
    const mock = mockGitHub("https://ghe.example.com");
    mock.api.post("/api/graphql").reply(200, { data: {} });
    await fetch("https://ghe.example.com/api/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          'query Q($n: Int!) { viewer { login } issue: repository(owner: "o", name: "r") { issue(number: $n) { title } } }',
        variables: { n: 1 },
      }),
    });
    expect(() => mock.done()).not.toThrow();
  });
});
