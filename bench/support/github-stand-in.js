/**
 * A GitHub stand-in on loopback for benchmarks: an HTTP server that answers what the app asks
 * (installation tokens, the app's GraphQL reads, check runs, issue listings, comments) from
 * in-memory repositories, after a fixed latency per request, and records every request with the
 * installation that sent it. Not a test double for correctness (the nock tests check the API
 * contract): it is there to measure requests, pacing and time to a completed check.
 *
 * Plain ESM JavaScript, no dependencies, so any bench can use it:
 *
 *   const gh = await startGitHubStandIn({ latencyMs: 50 });
 *   gh.addRepository({ owner: "acme", name: "plans", installationId: 7, files: { "a/parallel.json": "…" } });
 *   // new Probot({ appId, privateKey, secret, baseUrl: gh.url, … })
 *   await gh.waitForCompletedChecks(100);
 *   gh.summary(); await gh.close();
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";

/** Git's blob id: sha1 of "blob <size>\0<bytes>". */
function blobId(bytes) {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

function blobText(text) {
  const bytes = Buffer.from(text, "utf8");
  return { oid: blobId(bytes), byteSize: bytes.length, isBinary: false, isTruncated: false, text };
}

/** Levels a snapshot query lists: fragments E0…E(n-1) mean n + 1 levels; none means 1. */
function depthOf(query) {
  const count = (query.match(/fragment E\d+ /g) ?? []).length;
  return count === 0 ? 1 : count + 1;
}

function pathOf(expression) {
  return expression.slice(expression.indexOf(":") + 1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Start the stand-in on 127.0.0.1 (a free port). `latencyMs` delays every answer, as GitHub's
 * round trip would. Returns the server's handle (see the methods below).
 */
export async function startGitHubStandIn({ latencyMs = 50, defaultBranch = "main" } = {}) {
  /** `owner/name` → { owner, name, installationId, files: Map<path, text>, config, runs: [] } */
  const repositories = new Map();
  /** Every request: { at, method, path, installation, kind } (`kind`: graphql, read, write, token). */
  const requests = [];
  /** Completed check runs: { at, repository, sha, id }. */
  const completed = [];
  const waiters = [];
  let nextId = 1;
  let nextToken = 1;
  /** token → installation id */
  const tokens = new Map();

  function addRepository({ owner, name, installationId, files = {}, config = null }) {
    const repo = {
      owner,
      name,
      installationId,
      files: new Map(Object.entries(files)),
      config,
      runs: [],
      issues: [],
      comments: [],
    };
    repositories.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  function entries(repo, dir, level, depth) {
    const children = new Map();
    for (const p of repo.files.keys()) {
      if (!p.startsWith(`${dir}/`)) continue;
      const rest = p.slice(dir.length + 1).split("/");
      children.set(rest[0], rest.length > 1 || children.get(rest[0]) === true);
    }
    return [...children].sort().map(([name, isTree]) => {
      const full = `${dir}/${name}`;
      if (isTree) {
        return {
          name,
          type: "tree",
          object: level < depth ? { entries: entries(repo, full, level + 1, depth) } : {},
        };
      }
      const text = repo.files.get(full);
      const bytes = Buffer.from(text, "utf8");
      return {
        name,
        type: "blob",
        object: level === 1 ? blobText(text) : { oid: blobId(bytes), byteSize: bytes.length },
      };
    });
  }

  function graphql(repo, { query, variables = {} }) {
    if (!repo) return { data: { repository: null } };
    const answer = {};
    const depth = depthOf(query);
    for (const [name, value] of Object.entries(variables)) {
      if (name === "config") {
        answer.config = repo.config === null ? null : blobText(repo.config);
      } else if (name === "sha") {
        const runs = repo.runs
          .filter((run) => run.headSha === value)
          .map((run) => ({
            databaseId: run.id,
            status: run.status.toUpperCase(),
            externalId: run.externalId,
            summary: run.summary,
          }));
        answer.commit = { checkSuites: { nodes: [{ checkRuns: { nodes: runs } }] } };
      } else if (/^f\d+$/.test(name)) {
        const found = entries(repo, pathOf(value), 1, depth);
        answer[name] = found.length === 0 ? null : { entries: found };
      } else if (/^b\d+$/.test(name)) {
        const text = repo.files.get(pathOf(value));
        answer[name] = text === undefined ? null : blobText(text);
      }
    }
    if (/\bissues\(/.test(query)) {
      answer.issues = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    }
    // The pushed commit is the default branch's head (a push acts on the repository only then);
    // sync's part asks for the head's history under the same alias.
    if (/\bbranchHead: defaultBranchRef\b/.test(query)) {
      const oid = variables.sha ?? "0".repeat(40);
      answer.branchHead = {
        target: /\bhistory\(/.test(query) ? { oid, history: { nodes: [{ oid }] } } : { oid },
      };
    }
    return { data: { repository: answer } };
  }

  function checkRunWrite(repo, id, body) {
    let run = id === null ? null : repo.runs.find((r) => r.id === id);
    if (id !== null && !run) return [404, { message: "Not Found" }];
    if (!run) {
      run = {
        id: nextId++,
        headSha: body.head_sha,
        status: "queued",
        conclusion: null,
        externalId: null,
        summary: null,
        actions: [],
      };
      repo.runs.push(run);
    }
    if (body.status) run.status = body.status;
    if (body.conclusion) Object.assign(run, { status: "completed", conclusion: body.conclusion });
    if (body.external_id) run.externalId = body.external_id;
    if (body.output?.summary !== undefined) run.summary = body.output.summary;
    if (body.actions) run.actions = body.actions;
    if (body.conclusion) {
      completed.push({
        at: Date.now(),
        repository: `${repo.owner}/${repo.name}`,
        sha: run.headSha,
        id: run.id,
      });
      for (const waiter of waiters.splice(0)) waiter();
    }
    return [
      id === null ? 201 : 200,
      { id: run.id, head_sha: run.headSha, status: run.status, name: "parallel-plans" },
    ];
  }

  function route(method, path, body) {
    const url = new URL(path, "http://stand-in");
    const p = url.pathname.replace(/^\/api\/v3/, "");
    let m;
    if (method === "POST" && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(p))) {
      const token = `ghs_standin_${nextToken++}`;
      tokens.set(token, Number(m[1]));
      return [
        201,
        { token, expires_at: "2999-01-01T00:00:00Z", permissions: {}, repository_selection: "all" },
      ];
    }
    if (method === "POST" && (p === "/graphql" || p === "/api/graphql")) {
      const { owner, name } = body?.variables ?? {};
      return [200, graphql(repositories.get(`${owner}/${name}`.toLowerCase()), body ?? {})];
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(p))) {
      const repo = repositories.get(`${m[1]}/${m[2]}`.toLowerCase());
      const rest = m[3] ?? "";
      if (!repo) return [404, { message: "Not Found" }];
      if (method === "POST" && rest === "/check-runs") return checkRunWrite(repo, null, body);
      if (method === "PATCH" && (m = /^\/check-runs\/(\d+)$/.exec(rest)))
        return checkRunWrite(repo, Number(m[1]), body);
      if (method === "GET" && (m = /^\/commits\/([^/]+)\/check-runs$/.exec(rest))) {
        const runs = repo.runs.filter((r) => r.headSha === m[1]);
        return [
          200,
          {
            total_count: runs.length,
            check_runs: runs.map((r) => ({
              id: r.id,
              name: "parallel-plans",
              head_sha: r.headSha,
              status: r.status,
              app: { id: Number(url.searchParams.get("app_id") ?? 0) || null },
            })),
          },
        ];
      }
      if (method === "GET" && rest === "/issues") return [200, repo.issues];
      if (method === "POST" && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
        repo.comments.push({ issue: Number(m[1]), body: body?.body ?? "" });
        return [201, { id: nextId++, body: body?.body ?? "" }];
      }
      if (method === "POST" && (m = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest)))
        return [201, { id: nextId++, content: body?.content ?? "eyes" }];
    }
    return [404, { message: `stand-in: no route for ${method} ${p}` }];
  }

  function kindOf(method, path) {
    if (/\/access_tokens$/.test(path)) return "token";
    if (/\/graphql$/.test(new URL(path, "http://stand-in").pathname)) return "graphql";
    return method === "GET" || method === "HEAD" ? "read" : "write";
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", async () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      const token = (req.headers.authorization ?? "").replace(/^(token|bearer)\s+/i, "");
      const installation = tokens.get(token) ?? null;
      const method = (req.method ?? "GET").toUpperCase();
      const path = req.url ?? "/";
      requests.push({ at: Date.now(), method, path, installation, kind: kindOf(method, path) });
      await sleep(latencyMs);
      const [status, answer] = route(method, path, body);
      const payload = JSON.stringify(answer);
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(payload),
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      });
      res.end(payload);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();

  return {
    /** Base URL for Octokit / Probot (`baseUrl`). */
    url: `http://127.0.0.1:${port}`,
    defaultBranch,
    requests,
    completed,
    repositories,
    addRepository,
    /** Resolves once `count` check runs have been completed (or rejects after `timeoutMs`). */
    async waitForCompletedChecks(count, timeoutMs = 300_000) {
      const deadline = Date.now() + timeoutMs;
      while (completed.length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `only ${completed.length} of ${count} checks completed in ${timeoutMs} ms`,
          );
        await Promise.race([new Promise((resolve) => waiters.push(resolve)), sleep(1000)]);
      }
    },
    /** Requests by kind, installation tokens left out of `counted`. */
    summary() {
      const counted = requests.filter((r) => r.kind !== "token");
      const by = (kind) => counted.filter((r) => r.kind === kind).length;
      return {
        counted: counted.length,
        graphql: by("graphql"),
        reads: by("read"),
        writes: by("write"),
      };
    },
    /** Forget requests and completions (between two runs of one bench). */
    reset() {
      requests.length = 0;
      completed.length = 0;
      for (const repo of repositories.values()) {
        repo.runs.length = 0;
        repo.comments.length = 0;
      }
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
