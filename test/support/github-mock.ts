/**
 * GitHub mocked with nock 14 (which intercepts the global `fetch` Probot 14's Octokit uses).
 *
 * A test fails when a mock goes unused, when a request reaches no mock, or when a request breaks
 * GitHub's published OpenAPI contract (see `openapi-contract.ts`), or a GraphQL request breaks
 * GitHub's GraphQL schema (see `graphql-contract.ts`) — renovate's `http-mock.ts` discipline plus
 * contract checks. An unmatched request does fail in the app (nock rejects the
 * `fetch`, with `status: 404` on the error), but the app may well handle that as "not found" and
 * carry on: `done()` and the guards are where it surfaces as a test failure.
 */
import { afterAll, afterEach, beforeAll } from "@jest/globals";
import nock from "nock";
import { logCheckedRequest } from "./contract-log.js";
import { checkGraphqlRequest, describeOperation } from "./graphql-contract.js";
import { checkRequest, findOperation } from "./openapi-contract.js";

/** A request that reached one of the mock's interceptors. */
export interface RecordedRequest {
  method: string;
  /** Origin and path, query included. */
  url: string;
  /** Path with query, as nock saw it. */
  path: string;
  /** The parsed JSON body; the raw text when it is not JSON; `undefined` when empty. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** A nock scope for GitHub's API plus the checks that end every test. */
export interface GitHubMock {
  /** nock scope for the REST/GraphQL origin (default https://api.github.com) */
  api: nock.Scope;
  /** every request that reached a nock interceptor, in order */
  requests: RecordedRequest[];
  /** assert: no pending mocks (unused), no unmatched request, every recorded request contract-valid (REST and GraphQL); then clean up */
  done(): void;
}

/** Hosts of the tests' own servers (Probot's webhook endpoint): real connections allowed. */
const LOCAL_NET = /(127\.0\.0\.1|localhost)/;
const LOCAL_HOST = /^(127\.0\.0\.1|localhost|::1|\[::1\])$/;

interface Unmatched {
  method: string;
  url: string;
  body: string;
}

/** Requests no interceptor answered since the last `done()` or guard check. */
const unmatched: Unmatched[] = [];
let listening = false;

interface NockOptions {
  method?: string;
  proto?: string;
  hostname?: string;
  host?: string;
  path?: string;
}

// nock emits `(req, options, body)` when the host has interceptors, `(options)` when it has none.
function onNoMatch(...args: unknown[]): void {
  const options = (args.length > 1 ? args[1] : args[0]) as NockOptions;
  const host = options.hostname ?? options.host ?? "";
  if (LOCAL_HOST.test(host)) return;
  unmatched.push({
    method: (options.method ?? "GET").toUpperCase(),
    url: `${options.proto ?? "https"}://${host}${options.path ?? ""}`,
    body: typeof args[2] === "string" ? args[2] : "",
  });
}

function listenForUnmatched(): void {
  if (listening) return;
  nock.emitter.on("no match", onNoMatch);
  listening = true;
}

function describeUnmatched(requests: Unmatched[]): string {
  const lines = requests.map(({ method, url, body }) => {
    const shown = body.length > 200 ? `${body.slice(0, 200)}…` : body;
    return `  ${method} ${url}${shown ? ` ${shown}` : ""}`;
  });
  return `unmatched requests (no mock answered them):\n${lines.join("\n")}`;
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function plainHeaders(headers: Record<string, unknown>): RecordedRequest["headers"] {
  const out: RecordedRequest["headers"] = {};
  for (const [name, value] of Object.entries(headers))
    out[name.toLowerCase()] =
      value === undefined || Array.isArray(value) ? (value as string[] | undefined) : String(value);
  return out;
}

/**
 * A nock scope for `origin` that records every request it answers. End each test with
 * `mock.done()`: it throws one error naming every unused mock, every unmatched request and
 * every contract violation, and cleans all interceptors up either way.
 * GHES: pass the server's origin (`https://ghe.example.com`) and mock `/api/v3/...` paths.
 */
export function mockGitHub(origin = "https://api.github.com"): GitHubMock {
  const base = new URL(origin);
  if (base.pathname !== "/")
    throw new Error(`mockGitHub takes an origin, not ${origin}: mock ${base.pathname}/… paths`);
  listenForUnmatched();
  unmatched.length = 0;
  const api = nock(base.origin);
  const requests: RecordedRequest[] = [];
  api.on(
    "request",
    (
      req: { method: string; path: string; headers: Record<string, unknown> },
      _interceptor: unknown,
      body: string,
    ) => {
      requests.push({
        method: req.method.toUpperCase(),
        url: `${base.origin}${req.path}`,
        path: req.path,
        body: parseBody(body),
        headers: plainHeaders(req.headers),
      });
    },
  );
  let finished = false;

  function done(): void {
    if (finished) return;
    finished = true;
    const failures: string[] = [];
    try {
      const pending = api.pendingMocks();
      if (pending.length > 0)
        failures.push(
          `unused mocks (never requested):\n${pending.map((m) => `  ${m}`).join("\n")}`,
        );
      const stray = unmatched.splice(0);
      if (stray.length > 0) failures.push(describeUnmatched(stray));
      const schemaProblems: string[] = [];
      const violations = requests.flatMap(({ method, url, body }) => {
        const found = checkRequest(method, url, body);
        const operation = findOperation(method, url);
        const template = operation?.template ?? new URL(url).pathname;
        // A GraphQL request the REST side accepts (a POST with a string query) meets the schema.
        const graphql =
          operation?.operationId === "graphql" && found.length === 0
            ? checkGraphqlRequest(body)
            : [];
        schemaProblems.push(...graphql.map((problem) => `  ${method} ${template}: ${problem}`));
        const { query, operationName } = (body ?? {}) as {
          query?: unknown;
          operationName?: unknown;
        };
        logCheckedRequest({
          method,
          template,
          violations: found.length + graphql.length,
          ...(operation?.operationId === "graphql" && typeof query === "string"
            ? { operation: describeOperation(query, operationName) }
            : {}),
        });
        return found;
      });
      if (violations.length > 0)
        failures.push(
          `requests breaking GitHub's OpenAPI contract:\n${violations
            .map((v) => `  ${v.method} ${v.path}: ${v.problem}`)
            .join("\n")}`,
        );
      if (schemaProblems.length > 0)
        failures.push(
          `GraphQL requests breaking GitHub's GraphQL schema:\n${schemaProblems.join("\n")}`,
        );
    } finally {
      api.removeAllListeners("request");
      nock.cleanAll();
    }
    if (failures.length > 0) throw new Error(`GitHub mock ${base.origin}:\n${failures.join("\n")}`);
  }

  return { api, requests, done };
}

/**
 * Throws naming every interceptor left unused and every request left unmatched since the last
 * check, after clearing all interceptors (so one test's leftovers cannot fail the next).
 */
export function assertNockIsClean(): void {
  const pending = nock.pendingMocks();
  const stray = unmatched.splice(0);
  nock.cleanAll();
  const failures = [
    ...(pending.length > 0 ? [`unused mocks left after the test:\n  ${pending.join("\n  ")}`] : []),
    ...(stray.length > 0 ? [describeUnmatched(stray)] : []),
  ];
  if (failures.length > 0) throw new Error(failures.join("\n"));
}

/**
 * Registers the file's nock discipline: net connect disabled except for localhost (Probot's
 * own server), and after each test a failure when interceptors are left unused or a request
 * went unmatched — so the rules hold even in a test that forgot `done()`.
 * Call it at the top of a test file (or a `describe`), not inside a hook: it adds hooks itself.
 */
export function installNockGuards(): void {
  const closeNet = (): void => {
    nock.disableNetConnect();
    nock.enableNetConnect(LOCAL_NET);
  };
  closeNet();
  listenForUnmatched();
  try {
    beforeAll(closeNet);
    afterEach(assertNockIsClean);
    afterAll(() => {
      nock.emitter.removeListener("no match", onNoMatch);
      listening = false;
      nock.cleanAll();
      nock.enableNetConnect();
      // Take nock's interceptor off Node's http and fetch: left on, the next test file (a fresh
      // module registry, its own nock) finds this file's interceptor, which Jest has torn down
      // with this file's globals ("'emitter' property was accessed … after it was soft deleted").
      nock.restore();
    });
  } catch (error) {
    throw new Error(
      "installNockGuards() adds its own hooks: call it at the top of the test file, not in a hook",
      { cause: error },
    );
  }
}
