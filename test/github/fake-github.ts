/**
 * A small stand-in for GitHub behind nock: one commit's files, the default branch's config and
 * this app's check runs. GraphQL answers are computed from the query's variables (`$config`,
 * `$sha`, `$f0`… folders, `$t0`… plan roots, `$b0`… blobs, `$pull` a pull request's files) the
 * way GitHub would; check-run writes update the runs the next lookup returns. Every interceptor
 * is registered one call at a time, so `mock.done()` fails on an unused one and a test asserts
 * exactly the calls it expects.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { GitHubMock, RecordedRequest } from "../support/github-mock.js";
import { blobId, blobText, bytesOf, walk, type FakeFile } from "./fake-git.js";

export type { FakeFile } from "./fake-git.js";

/**
 * A check-run request body as the app sent it. Deliberately `any`: tests read deep fields
 * (`output.annotations[3].start_line`) of bodies whose contract the OpenAPI check already enforces.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WriteBody = any;

export interface FakeRun {
  id: number;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  externalId: string | null;
  /** The output's title, when a write gave one. */
  title?: string | null;
  summary: string | null;
  headSha: string;
}

const TOKEN_PATH = /^(\/api\/v3)?\/app\/installations\/\d+\/access_tokens$/;

export class FakeGitHub {
  readonly files = new Map<string, FakeFile>();
  config: FakeFile | null = null;
  readonly runs: FakeRun[] = [];
  /**
   * Fields other fakes add to GraphQL answers (the app's issues, sync branches), given the query
   * and its variables, like the features' parts of the app's one query.
   */
  readonly graphqlParts: ((body: GraphqlBody) => Record<string, unknown>)[] = [];
  /**
   * Pull requests' changed files by number, as GraphQL's `pullRequest(number: $pull) { files }`
   * lists them (path and change type, first 100); `expectPullFiles` is the REST list.
   */
  readonly pullChanges = new Map<number, { path: string; changeType?: string }[]>();
  /**
   * The default branch's head (`defaultBranchRef { target { oid } }`); null answers the commit the
   * query reads (`$sha`), as for a push whose commit is still the head.
   */
  defaultHead: string | null = null;
  private nextRunId = 9000;

  constructor(
    readonly mock: GitHubMock,
    readonly owner: string,
    readonly repo: string,
    readonly defaultBranch = "master",
    /** GitHub Enterprise Server: REST under `/api/v3`, GraphQL at `/api/graphql`. */
    readonly enterprise = false,
  ) {}

  private get rest(): string {
    return `${this.enterprise ? "/api/v3" : ""}/repos/${this.owner}/${this.repo}`;
  }

  /** Put a folder of the repository checkout (e.g. `examples/broken/BROKEN-GRAPH`) at `at`. */
  addFolder(at: string, from: string): this {
    for (const rel of walk(from))
      this.files.set(`${at}/${rel}`, readFileSync(path.join(from, rel), "utf8"));
    return this;
  }

  /**
   * The installation token Probot asks for before the first installation request; `optional`
   * where it depends on which of two instances takes a job.
   */
  expectToken({ optional = false } = {}): this {
    this.mock.api
      .post(TOKEN_PATH)
      .optionally(optional)
      .reply(201, {
        token: "ghs_test",
        expires_at: "2999-01-01T00:00:00Z",
        permissions: { checks: "write", contents: "read", metadata: "read", pull_requests: "read" },
        repository_selection: "all",
      });
    return this;
  }

  /**
   * One GraphQL query answered from the fake's state. `optional` only where the order of two
   * concurrent events decides whether the query is made (two instances racing for one SHA).
   */
  expectGraphql(times = 1, { optional = false } = {}): this {
    for (let i = 0; i < times; i++) {
      this.mock.api
        .post(this.enterprise ? "/api/graphql" : "/graphql")
        .optionally(optional)
        .reply(200, (_uri, body) => ({ data: this.answer(body as GraphqlBody) }));
    }
    return this;
  }

  expectCreate(times = 1): this {
    for (let i = 0; i < times; i++) {
      this.mock.api.post(`${this.rest}/check-runs`).reply(201, (_uri, body) => {
        const b = body as Record<string, unknown>;
        const run: FakeRun = {
          id: this.nextRunId++,
          status: b.conclusion ? "completed" : ((b.status as FakeRun["status"]) ?? "queued"),
          conclusion: (b.conclusion as string) ?? null,
          externalId: (b.external_id as string) ?? null,
          title: (b.output as { title?: string } | undefined)?.title ?? null,
          summary: (b.output as { summary?: string } | undefined)?.summary ?? null,
          headSha: b.head_sha as string,
        };
        this.runs.push(run);
        return { id: run.id, head_sha: run.headSha, status: run.status, name: b.name };
      });
    }
    return this;
  }

  expectUpdate(times = 1): this {
    for (let i = 0; i < times; i++) {
      this.mock.api.patch(new RegExp(`^${this.rest}/check-runs/\\d+$`)).reply(200, (uri, body) => {
        const id = Number(uri.split("/").pop());
        const run = this.runs.find((r) => r.id === id);
        if (!run) return { message: "Not Found" };
        const b = body as Record<string, unknown>;
        if (b.conclusion) Object.assign(run, { status: "completed", conclusion: b.conclusion });
        if (b.external_id) run.externalId = b.external_id as string;
        const output = b.output as { title?: string; summary?: string } | undefined;
        if (output?.title !== undefined) run.title = output.title;
        if (output?.summary !== undefined) run.summary = output.summary;
        return { id: run.id, status: run.status, conclusion: run.conclusion };
      });
    }
    return this;
  }

  /** The blob API for the file at `filePath` (its git blob id is computed from its bytes). */
  expectBlob(filePath: string, status = 200): this {
    const bytes = bytesOf(this.files.get(filePath) ?? "");
    const sha = blobId(bytes);
    this.mock.api
      .get(`${this.rest}/git/blobs/${sha}`)
      .reply(
        status,
        status === 200
          ? { sha, size: bytes.length, encoding: "base64", content: bytes.toString("base64") }
          : { message: "Server Error" },
      );
    return this;
  }

  expectTree(sha: string, truncated = false): this {
    this.mock.api
      .get(`${this.rest}/git/trees/${sha}`)
      .query({ recursive: "1" })
      .reply(200, () => ({
        sha,
        url: "https://api.github.com/tree",
        truncated,
        tree: [...this.files].map(([p, f]) => ({
          path: p,
          mode: "100644",
          type: "blob",
          sha: blobId(bytesOf(f)),
          size: bytesOf(f).length,
        })),
      }));
    return this;
  }

  expectCompare(
    before: string,
    after: string,
    files: { filename: string; status?: string; previous_filename?: string }[],
  ): this {
    this.mock.api.get(`${this.rest}/compare/${before}...${after}`).reply(200, {
      status: "ahead",
      ahead_by: 21,
      behind_by: 0,
      total_commits: 21,
      commits: [],
      files: files.map((f) => ({ status: "modified", ...f })),
    });
    return this;
  }

  expectPullFiles(
    number: number,
    files: { filename: string; status?: string; previous_filename?: string }[],
  ): this {
    const pages = Math.max(1, Math.ceil(files.length / 100));
    for (let page = 1; page <= pages; page++) {
      this.mock.api
        .get(`${this.rest}/pulls/${number}/files`)
        .query({ per_page: "100", page: String(page) })
        .reply(
          200,
          files.slice((page - 1) * 100, page * 100).map((f) => ({ status: "modified", ...f })),
        );
    }
    return this;
  }

  /** Requests other than the installation token: the ones the per-event budget counts. */
  calls(): RecordedRequest[] {
    return this.mock.requests.filter((r) => !TOKEN_PATH.test(new URL(r.url).pathname));
  }

  /** `METHOD /path` of each counted call, for readable assertions. */
  callLines(): string[] {
    return this.calls().map((r) => `${r.method} ${new URL(r.url).pathname.replace(this.rest, "")}`);
  }

  /** Bodies of the check-run writes, in order. */
  writes(): WriteBody[] {
    return this.calls()
      .filter((r) => r.method !== "GET" && r.url.includes("/check-runs"))
      .map((r) => r.body as WriteBody);
  }

  private answer(body: GraphqlBody): Record<string, unknown> {
    const { query, variables } = body;
    const repository: Record<string, unknown> = {};
    for (const part of this.graphqlParts) Object.assign(repository, part(body));
    if (query.includes("branchHead: defaultBranchRef")) {
      repository.branchHead = { target: { oid: this.defaultHead ?? variables?.sha ?? null } };
    }
    for (const [name, value] of Object.entries(variables ?? {})) {
      if (name === "config") {
        const expected = `${this.defaultBranch}:.github/parallel-plans.yml`;
        repository.config =
          value === expected && this.config !== null ? blobText(this.config) : null;
      } else if (name === "sha") {
        repository.commit = {
          checkSuites: { nodes: [{ checkRuns: { nodes: this.lookup(value as string) } }] },
        };
      } else if (name === "pull") {
        repository.pullRequest = this.pullFiles(value as number);
      } else if (/^f\d+$/.test(name)) {
        repository[name] = this.folder(pathOf(value as string), depthOf(query));
      } else if (/^t\d+$/.test(name)) {
        repository[name] = this.root(pathOf(value as string), depthOf(query));
      } else if (/^b\d+$/.test(name)) {
        const file = this.files.get(pathOf(value as string));
        repository[name] = file === undefined ? null : blobText(file);
      }
    }
    return { repository };
  }

  private pullFiles(number: number): unknown {
    const files = this.pullChanges.get(number);
    if (files === undefined) return null;
    const nodes = files.slice(0, 100).map((f) => ({ changeType: "MODIFIED", ...f }));
    return { files: { nodes, pageInfo: { hasNextPage: files.length > 100 } } };
  }

  private lookup(sha: string) {
    return this.runs
      .filter((r) => r.headSha === sha)
      .map((r) => ({
        databaseId: r.id,
        status: r.status.toUpperCase(),
        externalId: r.externalId,
        title: r.title ?? null,
        summary: r.summary,
      }));
  }

  /**
   * A folder as GraphQL lists it `depth` levels deep (texts of its own files inline): its
   * entries, null when the commit has no such folder, `{}` when the path is a file.
   */
  folderAnswer(dir: string, depth: number): unknown {
    return this.folder(dir, depth);
  }

  private folder(dir: string, depth: number): unknown {
    if (this.files.has(dir)) return {};
    const entries = this.entries(dir, 1, depth);
    return entries.length === 0 ? null : { entries };
  }

  /** A plan root: its files by name and size, each child folder listed like a plan folder. */
  private root(dir: string, depth: number): unknown {
    if (this.files.has(dir)) return {};
    const entries = this.entries(dir, 1, 1).map((entry) => {
      const { name, type } = entry as { name: string; type: string };
      if (type === "blob") {
        const bytes = bytesOf(this.files.get(`${dir}/${name}`)!);
        return { name, type, object: { oid: blobId(bytes), byteSize: bytes.length } };
      }
      return { name, type, object: { entries: this.entries(`${dir}/${name}`, 1, depth) } };
    });
    return entries.length === 0 ? null : { entries };
  }

  private entries(dir: string, level: number, depth: number): unknown[] {
    const children = new Map<string, boolean>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(`${dir}/`)) continue;
      const rest = p.slice(dir.length + 1).split("/");
      children.set(rest[0]!, rest.length > 1 || children.get(rest[0]!) === true);
    }
    return [...children].sort().map(([name, isTree]) => {
      const full = `${dir}/${name}`;
      if (isTree) {
        return {
          name,
          type: "tree",
          object: level < depth ? { entries: this.entries(full, level + 1, depth) } : {},
        };
      }
      const file = this.files.get(full)!;
      const bytes = bytesOf(file);
      return {
        name,
        type: "blob",
        object: level === 1 ? blobText(file) : { oid: blobId(bytes), byteSize: bytes.length },
      };
    });
  }
}

export interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown>;
}

/** Levels the query lists: fragments E0…E(n-1) mean n + 1 levels; none means 1. */
function depthOf(query: string): number {
  const count = (query.match(/fragment E\d+ /g) ?? []).length;
  return count === 0 ? 1 : count + 1;
}

function pathOf(expression: string): string {
  return expression.slice(expression.indexOf(":") + 1);
}
