/**
 * GitHub on loopback for tests that run the real server in child processes, where nock cannot
 * reach: an HTTP server keeping one repository's state (files, issues, labels, sub-issue and
 * "blocked by" links, comments, check runs, collaborator permissions) that answers after a small
 * latency, the way GitHub Enterprise Server is addressed (`GHE_HOST`: REST under `/api/v3`,
 * GraphQL at `/api/graphql`).
 *
 * Every request is checked against GitHub's OpenAPI description (`openapi-contract.ts`), and a
 * request the stand-in has no answer for is answered 404 and recorded: `problems()` lists both,
 * so a test fails on anything the app sends that GitHub would not document or this state cannot
 * answer, instead of the app quietly treating it as "not found". GraphQL is answered from the
 * state for the variables the app's snapshot query uses; any other variable is a problem too.
 *
 * It listens on one port per client (`listen(name)`), so a test running several instances of
 * the app can tell which one sent each request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readHiddenMarkers } from "../../src/core/hidden-marker.js";
import { blobId, blobText } from "../github/fake-git.js";
import { checkRequest } from "../support/openapi-contract.js";

type Json = Record<string, unknown>;
type Answer = [status: number, body: unknown];

/** An issue as the stand-in holds it. */
export interface StandInIssue {
  number: number;
  id: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  /** Issue number of the parent, when it is a sub-issue. */
  parent: number | null;
  subIssues: number[];
  blockedBy: number[];
  /** The client (instance) that created it. */
  createdBy: string;
}

/** A check run as the stand-in holds it. */
export interface StandInCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  externalId: string | null;
  summary: string | null;
  /** The buttons it offers. */
  actions: { label: string; description: string; identifier: string }[];
  createdBy: string;
}

/** One request as it arrived. */
export interface StandInRequest {
  client: string;
  method: string;
  /** Path and query, `/api/v3` removed. */
  path: string;
  status: number;
}

export interface StandInOptions {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Milliseconds before each answer, as GitHub's round trip would take. */
  latencyMs?: number;
  /** Repository files at every commit (path → text). */
  files: Record<string, string>;
  /** The default branch's head commit (its history is this one commit). */
  headSha: string;
  /** Collaborator permissions by login (`admin`, `write`, `read`…). */
  permissions: Record<string, string>;
}

/** Levels a snapshot query lists: fragments E0…E(n-1) mean n + 1 levels; none means 1. */
function depthOf(query: string): number {
  const count = (query.match(/fragment E\d+ /g) ?? []).length;
  return count === 0 ? 1 : count + 1;
}

const APP_BOT = { login: "parallel-plans[bot]", id: 9_000_001, type: "Bot" };
const APP_LABEL = "parallel-plans";

export class GitHubStandIn {
  readonly issues: StandInIssue[] = [];
  readonly labels = new Map<string, { name: string; color: string; description: string }>();
  readonly comments: { issue: number; body: string; createdBy: string }[] = [];
  readonly checkRuns: StandInCheckRun[] = [];
  readonly requests: StandInRequest[] = [];
  private readonly contract: string[] = [];
  private readonly unknown: string[] = [];
  private readonly servers: Server[] = [];
  private readonly files: Map<string, string>;
  private readonly latencyMs: number;
  private nextNumber = 1;
  private nextToken = 1;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: StandInOptions) {
    this.files = new Map(Object.entries(options.files));
    this.latencyMs = options.latencyMs ?? 20;
  }

  /** A port for `client`; returns the `host:port` to give the app as GHE_HOST. */
  async listen(client: string): Promise<string> {
    const server = createServer((req, res) => this.handle(client, req, res));
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Contract violations and requests the stand-in could not answer, one line each. */
  problems(): string[] {
    return [...this.contract, ...this.unknown];
  }

  /** Resolves once `condition` holds (checked after every request), rejects after `timeoutMs`. */
  async until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 500));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** The app's achievement issues: achievement id → every issue carrying its marker. */
  achievementIssues(plan: string): Map<string, StandInIssue[]> {
    const found = new Map<string, StandInIssue[]>();
    for (const issue of this.issues) {
      const marker = readHiddenMarkers(issue.body)[0];
      if (marker?.kind !== "achievement" || marker.plan !== plan) continue;
      const id = String(marker.id);
      found.set(id, [...(found.get(id) ?? []), issue]);
    }
    return found;
  }

  /** The issues carrying a level marker of `plan`. */
  trackingIssues(plan: string, level: number): StandInIssue[] {
    return this.issues.filter((issue) => {
      const marker = readHiddenMarkers(issue.body)[0];
      return marker?.kind === "level" && marker.plan === plan && marker.level === level;
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  private handle(client: string, req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const method = (req.method ?? "GET").toUpperCase();
        const url = new URL(req.url ?? "/", "http://stand-in");
        const path = url.pathname.replace(/^\/api\/v3(?=\/)/, "");
        const shown = `${path}${url.search}`;
        for (const v of checkRequest(method, `${url.pathname}${url.search}`, text))
          this.contract.push(`${client}: ${v.method} ${v.path}: ${v.problem}`);
        let body: Json | undefined;
        try {
          body = text === "" ? undefined : (JSON.parse(text) as Json);
        } catch {
          body = undefined;
        }
        await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
        let answer: Answer | null;
        try {
          answer = this.route(client, method, path, url.searchParams, body);
        } catch (error) {
          answer = [500, { message: String(error) }];
          this.unknown.push(`${client}: ${method} ${shown} threw ${String(error)}`);
        }
        if (answer === null) {
          this.unknown.push(`${client}: ${method} ${shown} has no answer in the stand-in`);
          answer = [404, { message: "Not Found (stand-in: unknown request)" }];
        }
        const [status, payload] = answer;
        this.requests.push({ client, method, path: shown, status });
        const out = status === 204 ? "" : JSON.stringify(payload);
        res.writeHead(status, {
          "content-type": "application/json; charset=utf-8",
          "x-ratelimit-limit": "5000",
          "x-ratelimit-remaining": "4999",
          "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        });
        res.end(out);
        for (const wake of [...this.waiters]) {
          this.waiters.delete(wake);
          wake();
        }
      })();
    });
  }

  private get issuesUrl(): string {
    return `https://ghe.example.com/api/v3/repos/${this.options.owner}/${this.options.repo}/issues`;
  }

  /** An issue as the REST API shows it. */
  private view(issue: StandInIssue): Json {
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      number: issue.number,
      url: `${this.issuesUrl}/${issue.number}`,
      html_url: `https://ghe.example.com/${this.options.owner}/${this.options.repo}/issues/${issue.number}`,
      state: issue.state,
      state_reason: null,
      title: issue.title,
      body: issue.body,
      user: APP_BOT,
      labels: issue.labels.map((name) => ({
        name,
        color: this.labels.get(name)?.color ?? "ededed",
      })),
      assignees: [],
      parent_issue_url: issue.parent === null ? null : `${this.issuesUrl}/${issue.parent}`,
      sub_issues_summary: { total: issue.subIssues.length, completed: 0, percent_completed: 0 },
      issue_dependencies_summary: {
        blocked_by: issue.blockedBy.length,
        blocking: 0,
        total_blocked_by: issue.blockedBy.length,
        total_blocking: 0,
      },
    };
  }

  private issue(number: number): StandInIssue | undefined {
    return this.issues.find((i) => i.number === number);
  }

  private route(
    client: string,
    method: string,
    path: string,
    query: URLSearchParams,
    body: Json | undefined,
  ): Answer | null {
    let m: RegExpExecArray | null;
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return [
        201,
        {
          token: `ghs_standin_${this.nextToken++}`,
          expires_at: "2999-01-01T00:00:00Z",
          permissions: { checks: "write", contents: "read", issues: "write", metadata: "read" },
          repository_selection: "all",
        },
      ];
    }
    if (method === "POST" && path === "/api/graphql") return this.graphql(body);
    const prefix = `/repos/${this.options.owner}/${this.options.repo}`;
    if (!path.startsWith(`${prefix}/`)) return null;
    const rest = path.slice(prefix.length);

    if (method === "GET" && (m = /^\/git\/trees\/([0-9a-f]{40})$/.exec(rest))) {
      if (query.get("recursive") !== "1") return null;
      return [200, this.tree(m[1]!)];
    }
    if (method === "GET" && (m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      const login = decodeURIComponent(m[1]!);
      const permission = this.options.permissions[login];
      if (!permission) return [404, { message: "Not Found" }];
      return [200, { permission, role_name: permission, user: { login, type: "User" } }];
    }
    if (method === "GET" && rest === "/labels") {
      return [200, [...this.labels.values()].map((l, i) => ({ id: i + 1, ...l, default: false }))];
    }
    if (method === "POST" && rest === "/labels") {
      const name = String(body?.name ?? "");
      if (this.labels.has(name))
        return [422, { message: "Validation Failed", errors: [{ code: "already_exists" }] }];
      const label = {
        name,
        color: String(body?.color ?? "ededed"),
        description: String(body?.description ?? ""),
      };
      this.labels.set(name, label);
      return [201, { id: this.labels.size, ...label, default: false }];
    }
    if (method === "GET" && rest === "/issues") return this.listIssues(query);
    if (method === "POST" && rest === "/issues") {
      const labels = ((body?.labels as string[] | undefined) ?? []).map(String);
      for (const name of labels)
        if (!this.labels.has(name))
          this.labels.set(name, { name, color: "ededed", description: "" });
      const number = this.nextNumber++;
      const issue: StandInIssue = {
        number,
        id: 7_000_000 + number,
        title: String(body?.title ?? ""),
        body: String(body?.body ?? ""),
        labels,
        state: "open",
        parent: null,
        subIssues: [],
        blockedBy: [],
        createdBy: client,
      };
      this.issues.push(issue);
      return [201, this.view(issue)];
    }
    if ((m = /^\/issues\/(\d+)(\/.*)?$/.exec(rest))) {
      const issue = this.issue(Number(m[1]));
      if (!issue) return [404, { message: "Not Found" }];
      return this.onIssue(client, issue, method, m[2] ?? "", body);
    }
    if (method === "POST" && rest === "/check-runs") {
      const run: StandInCheckRun = {
        id: 50_000 + this.checkRuns.length + 1,
        name: String(body?.name ?? ""),
        headSha: String(body?.head_sha ?? ""),
        status: "queued",
        conclusion: null,
        externalId: null,
        summary: null,
        actions: [],
        createdBy: client,
      };
      this.checkRuns.push(run);
      return [201, this.runView(this.updateRun(run, body))];
    }
    if (method === "PATCH" && (m = /^\/check-runs\/(\d+)$/.exec(rest))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return [404, { message: "Not Found" }];
      return [200, this.runView(this.updateRun(run, body))];
    }
    return null;
  }

  private updateRun(run: StandInCheckRun, body: Json | undefined): StandInCheckRun {
    if (typeof body?.status === "string") run.status = body.status;
    if (typeof body?.conclusion === "string") {
      run.status = "completed";
      run.conclusion = body.conclusion;
    }
    if (typeof body?.external_id === "string") run.externalId = body.external_id;
    const output = body?.output as { summary?: unknown } | undefined;
    if (typeof output?.summary === "string") run.summary = output.summary;
    if (Array.isArray(body?.actions)) run.actions = body.actions as StandInCheckRun["actions"];
    return run;
  }

  private runView(run: StandInCheckRun): Json {
    return {
      id: run.id,
      name: run.name,
      head_sha: run.headSha,
      status: run.status,
      conclusion: run.conclusion,
      external_id: run.externalId,
    };
  }

  private onIssue(
    client: string,
    issue: StandInIssue,
    method: string,
    rest: string,
    body: Json | undefined,
  ): Answer | null {
    if (method === "POST" && rest === "/sub_issues") {
      const child = this.issues.find((i) => i.id === body?.sub_issue_id);
      if (!child) return [404, { message: "Not Found" }];
      // GitHub refuses a second parent (and a 101st sub-issue).
      if (child.parent !== null || issue.subIssues.length >= 100)
        return [422, { message: "Validation Failed" }];
      child.parent = issue.number;
      issue.subIssues.push(child.number);
      return [201, this.view(child)];
    }
    if (method === "GET" && rest === "/dependencies/blocked_by") {
      return [200, issue.blockedBy.map((n) => this.view(this.issue(n)!))];
    }
    if (method === "POST" && rest === "/dependencies/blocked_by") {
      const blocker = this.issues.find((i) => i.id === body?.issue_id);
      if (!blocker) return [404, { message: "Not Found" }];
      if (issue.blockedBy.includes(blocker.number)) return [422, { message: "Validation Failed" }];
      issue.blockedBy.push(blocker.number);
      return [201, this.view(issue)];
    }
    if (method === "POST" && rest === "/comments") {
      this.comments.push({
        issue: issue.number,
        body: String(body?.body ?? ""),
        createdBy: client,
      });
      return [201, { id: 60_000 + this.comments.length, body: body?.body, user: APP_BOT }];
    }
    if (method === "POST" && rest === "/labels") {
      for (const name of (body?.labels as string[] | undefined) ?? [])
        if (!issue.labels.includes(name)) issue.labels.push(name);
      return [200, issue.labels.map((name) => ({ name }))];
    }
    if (method === "PATCH" && rest === "") {
      if (typeof body?.title === "string") issue.title = body.title;
      if (typeof body?.body === "string") issue.body = body.body;
      if (body?.state === "open" || body?.state === "closed") issue.state = body.state;
      return [200, this.view(issue)];
    }
    return null;
  }

  private listIssues(query: URLSearchParams): Answer {
    const wanted = (query.get("labels") ?? "").split(",").filter((l) => l !== "");
    const state = query.get("state") ?? "open";
    const perPage = Number(query.get("per_page") ?? 30);
    const page = Number(query.get("page") ?? 1);
    const listed = this.issues
      .filter((i) => wanted.every((l) => i.labels.includes(l)))
      .filter((i) => state === "all" || i.state === state)
      .sort((a, b) => b.number - a.number);
    const pageOf = listed.slice((page - 1) * perPage, page * perPage).map((i) => this.view(i));
    return [200, pageOf];
  }

  private tree(sha: string): Json {
    return {
      sha,
      url: `https://ghe.example.com/api/v3/repos/${this.options.owner}/${this.options.repo}/git/trees/${sha}`,
      truncated: false,
      tree: [...this.files].map(([path, text]) => {
        const bytes = Buffer.from(text, "utf8");
        return { path, mode: "100644", type: "blob", sha: blobId(bytes), size: bytes.length };
      }),
    };
  }

  /** The app's snapshot query, answered from the files and the app's issues. */
  private graphql(body: Json | undefined): Answer | null {
    const variables = (body?.variables ?? {}) as Record<string, unknown>;
    if (
      variables.owner !== this.options.owner ||
      variables.name !== this.options.repo ||
      typeof body?.query !== "string"
    )
      return null;
    const repository: Json = {};
    const query = String(body?.query);
    for (const [name, value] of Object.entries(variables)) {
      if (name === "owner" || name === "name" || name === "appId" || name === "checkName") continue;
      if (name === "config") {
        const text = this.fileAt(String(value), this.options.defaultBranch);
        repository.config = text === undefined ? null : blobText(text);
      } else if (/^b\d+$/.test(name)) {
        const text = this.fileAt(String(value));
        repository[name] = text === undefined ? null : blobText(text);
      } else if (/^f\d+$/.test(name)) {
        const dir = String(value).slice(String(value).indexOf(":") + 1);
        const entries = this.entries(dir, 1, depthOf(query));
        repository[name] = entries.length === 0 ? null : { entries };
      } else if (name === "sha") {
        const runs = this.checkRuns
          .filter((r) => r.headSha === value && r.name === variables.checkName)
          .map((r) => ({
            databaseId: r.id,
            status: r.status.toUpperCase(),
            externalId: r.externalId,
            summary: r.summary,
          }));
        repository.commit = { checkSuites: { nodes: [{ checkRuns: { nodes: runs } }] } };
      } else if (name === "appLabel" && value === APP_LABEL) {
        const own = this.issues.filter((i) => i.labels.includes(APP_LABEL));
        repository.ownIssues = { totalCount: own.length, nodes: own.map((i) => this.node(i)) };
      } else if (/^r\d+$/.test(name)) {
        // A plan's sync branch: none exists here.
        repository[name] = null;
      } else if (/^p\d+$/.test(name) && typeof variables[`r${name.slice(1)}`] === "string") {
        continue; // the path read on that branch
      } else {
        // The stand-in does not know what this part of the query reads: a problem, not a guess.
        return null;
      }
    }
    // A push acts on the repository only while its commit is the default branch's head; sync's
    // part asks for the head's history under the same alias.
    if (/\bbranchHead: defaultBranchRef\b/.test(query)) {
      const oid = this.options.headSha;
      repository.branchHead = {
        target: /\bhistory\(/.test(query) ? { oid, history: { nodes: [{ oid }] } } : { oid },
      };
    }
    return [200, { data: { repository } }];
  }

  /** A folder's entries as the snapshot query's fragments list them, `depth` levels deep. */
  private entries(dir: string, level: number, depth: number): Json[] {
    const children = new Map<string, boolean>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(`${dir}/`)) continue;
      const rest = p.slice(dir.length + 1).split("/");
      children.set(rest[0]!, rest.length > 1 || children.get(rest[0]!) === true);
    }
    return [...children].sort().map(([name, isTree]) => {
      const full = `${dir}/${name}`;
      if (isTree)
        return {
          name,
          type: "tree",
          object: level < depth ? { entries: this.entries(full, level + 1, depth) } : {},
        };
      const text = this.files.get(full)!;
      const bytes = Buffer.from(text, "utf8");
      return {
        name,
        type: "blob",
        object: level === 1 ? blobText(text) : { oid: blobId(bytes), byteSize: bytes.length },
      };
    });
  }

  /** The file an `<rev>:<path>` expression names (every commit holds the same files). */
  private fileAt(expression: string, rev?: string): string | undefined {
    const colon = expression.indexOf(":");
    if (rev !== undefined && expression.slice(0, colon) !== rev) return undefined;
    return this.files.get(expression.slice(colon + 1));
  }

  /** An issue as the GraphQL API shows it. */
  private node(issue: StandInIssue): Json {
    return {
      number: issue.number,
      databaseId: issue.id,
      url: `https://ghe.example.com/${this.options.owner}/${this.options.repo}/issues/${issue.number}`,
      state: issue.state.toUpperCase(),
      stateReason: null,
      title: issue.title,
      body: issue.body,
      author: { __typename: "Bot" },
      labels: { nodes: issue.labels.map((name) => ({ name })) },
      assignees: { nodes: [] },
      parent:
        issue.parent === null
          ? null
          : {
              url: `https://ghe.example.com/${this.options.owner}/${this.options.repo}/issues/${issue.parent}`,
            },
      subIssuesSummary: { total: issue.subIssues.length },
      blockedBy: { totalCount: issue.blockedBy.length },
    };
  }
}
