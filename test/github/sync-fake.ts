/**
 * `FakeGitHub` grown the state status sync talks to: default-branch commits (each with its files,
 * so a read at a SHA sees that commit), sync branches, pull requests and their comments. GraphQL
 * answers are computed from the query's variables (the sync-state query `ParallelPlansSync`, and
 * the plan reads of the check and of sync at the SHA they name); REST writes change the state the
 * next read sees, and refuse what GitHub refuses (a ref that exists, a stale blob sha). Every
 * interceptor answers one call, so `mock.done()` fails on an unused one.
 */
import { blobId, bytesOf } from "./fake-git.js";
import { FakeGitHub, type FakeFile } from "./fake-github.js";
import { fakeSha } from "../support/webhook-fixtures.js";

/** The app's bot as GitHub records it on commits made through the API. */
export const APP_EMAIL = "41898282+parallel-plans[bot]@users.noreply.github.com";
export const PERSON_EMAIL = "octocat@example.com";

export interface FakeCommit {
  oid: string;
  parents: string[];
  message: string;
  authorEmail: string;
  committerEmail: string;
  files: Map<string, FakeFile>;
}

export interface FakePull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: "open" | "closed";
  merged: boolean;
  comments: { body: string; byApp: boolean }[];
}

interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown>;
}

export class SyncFake extends FakeGitHub {
  readonly commits = new Map<string, FakeCommit>();
  /** The default branch, newest commit first. */
  readonly history: string[] = [];
  /** Branch name → head commit. */
  readonly branches = new Map<string, string>();
  readonly pulls: FakePull[] = [];
  private nextPull = 40;

  private get base(): string {
    return `/repos/${this.owner}/${this.repo}`;
  }

  /** Record the current files as the default branch's new head commit `sha`. */
  commitMain(sha: string): this {
    const parents = this.history[0] === undefined ? [] : [this.history[0]];
    this.commits.set(sha, {
      oid: sha,
      parents,
      message: "work",
      authorEmail: PERSON_EMAIL,
      committerEmail: PERSON_EMAIL,
      files: new Map(this.files),
    });
    this.history.unshift(sha);
    this.defaultHead = sha;
    return this;
  }

  /** A person pushes a commit changing `path` on `branch`. */
  personCommits(branch: string, path: string, text: string): string {
    const head = this.commitOf(branch);
    const oid = fakeSha(`person on ${branch} after ${head.oid}`);
    const files = new Map(head.files).set(path, text);
    this.commits.set(oid, {
      ...head,
      oid,
      parents: [head.oid],
      message: "fix by hand",
      authorEmail: PERSON_EMAIL,
      committerEmail: PERSON_EMAIL,
      files,
    });
    this.branches.set(branch, oid);
    return oid;
  }

  /** Merge an open pull request: the default branch takes the head's files as commit `sha`. */
  merge(number: number, sha: string): this {
    const pull = this.pulls.find((p) => p.number === number && p.state === "open");
    if (!pull) throw new Error(`no open pull request #${number}`);
    for (const [path, file] of this.commitOf(pull.head).files) this.files.set(path, file);
    Object.assign(pull, { state: "closed", merged: true });
    return this.commitMain(sha);
  }

  /** The text of `path` at the head of `branch`. */
  fileOn(branch: string, path: string): string | undefined {
    const file = this.commitOf(branch).files.get(path);
    return file === undefined ? undefined : bytesOf(file).toString("utf8");
  }

  openPulls(): FakePull[] {
    return this.pulls.filter((p) => p.state === "open");
  }

  /** GraphQL queries, each answered from the state at the SHA it reads (overrides the parent's). */
  override expectGraphql(times = 1): this {
    for (let i = 0; i < times; i++) {
      this.mock.api
        .post("/graphql")
        .reply(200, (_uri, body) => ({ data: { repository: this.answerAt(body as GraphqlBody) } }));
    }
    return this;
  }

  expectCreateRef(): this {
    this.mock.api.post(`${this.base}/git/refs`).reply((_uri, body) => {
      const { ref, sha } = body as { ref: string; sha: string };
      const branch = ref.replace(/^refs\/heads\//, "");
      if (this.branches.has(branch)) return [422, { message: "Reference already exists" }];
      if (!this.commits.has(sha)) return [422, { message: "Object does not exist" }];
      this.branches.set(branch, sha);
      return [
        201,
        {
          ref,
          node_id: "REF",
          url: "https://api.github.com/ref",
          object: { sha, type: "commit", url: "https://api.github.com/c" },
        },
      ];
    });
    return this;
  }

  expectUpdateRef(): this {
    this.mock.api.patch(new RegExp(`^${this.base}/git/refs/.+$`)).reply((uri, body) => {
      const branch = refOf(uri);
      const { sha, force } = body as { sha: string; force?: boolean };
      if (!this.branches.has(branch)) return [422, { message: "Reference does not exist" }];
      if (!force) return [422, { message: "Update is not a fast forward" }];
      this.branches.set(branch, sha);
      return [
        200,
        {
          ref: `refs/heads/${branch}`,
          node_id: "REF",
          url: "https://api.github.com/ref",
          object: { sha, type: "commit", url: "https://api.github.com/c" },
        },
      ];
    });
    return this;
  }

  expectDeleteRef(): this {
    this.mock.api.delete(new RegExp(`^${this.base}/git/refs/.+$`)).reply((uri) => {
      const branch = refOf(uri);
      if (!this.branches.delete(branch)) return [422, { message: "Reference does not exist" }];
      // GitHub closes the pull requests whose head branch is deleted.
      for (const pull of this.openPulls()) if (pull.head === branch) pull.state = "closed";
      return [204, ""];
    });
    return this;
  }

  /** The contents API: one commit on top of the branch, by the app's bot. */
  expectPutContents(): this {
    this.mock.api.put(new RegExp(`^${this.base}/contents/.+$`)).reply((uri, body) => {
      const path = decodeURIComponent(uri.slice(`${this.base}/contents/`.length));
      const { branch, sha, content, message } = body as Record<string, string>;
      const head = this.commitOf(branch as string);
      const current = head.files.get(path);
      if (current === undefined || blobId(bytesOf(current)) !== sha)
        return [409, { message: `${path} does not match ${sha}` }];
      const text = Buffer.from(content as string, "base64").toString("utf8");
      const oid = fakeSha(`app commit on ${branch} after ${head.oid}`);
      const files = new Map(head.files).set(path, text);
      this.commits.set(oid, {
        oid,
        parents: [head.oid],
        message: message as string,
        authorEmail: APP_EMAIL,
        committerEmail: APP_EMAIL,
        files,
      });
      this.branches.set(branch as string, oid);
      return [
        200,
        { content: { path, sha: blobId(bytesOf(text)) }, commit: { sha: oid, message } },
      ];
    });
    return this;
  }

  expectCreatePull(): this {
    this.mock.api.post(`${this.base}/pulls`).reply((_uri, body) => {
      const { head, base, title, body: text } = body as Record<string, string>;
      if (this.openPulls().some((p) => p.head === head))
        return [422, { message: "A pull request already exists" }];
      const pull: FakePull = {
        number: this.nextPull++,
        head: head as string,
        base: base as string,
        title: title as string,
        body: text ?? "",
        state: "open",
        merged: false,
        comments: [],
      };
      this.pulls.push(pull);
      return [
        201,
        {
          number: pull.number,
          html_url: this.pullUrl(pull.number),
          state: "open",
          title: pull.title,
        },
      ];
    });
    return this;
  }

  expectUpdatePull(): this {
    this.mock.api.patch(new RegExp(`^${this.base}/pulls/\\d+$`)).reply((uri, body) => {
      const pull = this.pulls.find((p) => p.number === Number(uri.split("/").pop()));
      if (!pull) return [404, { message: "Not Found" }];
      Object.assign(pull, body as Partial<FakePull>);
      return [
        200,
        {
          number: pull.number,
          html_url: this.pullUrl(pull.number),
          state: pull.state,
          title: pull.title,
        },
      ];
    });
    return this;
  }

  expectComment(): this {
    this.mock.api.post(new RegExp(`^${this.base}/issues/\\d+/comments$`)).reply((uri, body) => {
      const pull = this.pulls.find((p) => p.number === Number(uri.split("/").at(-2)));
      if (!pull) return [404, { message: "Not Found" }];
      pull.comments.push({ body: (body as { body: string }).body, byApp: true });
      return [201, { id: 1, body: (body as { body: string }).body }];
    });
    return this;
  }

  /**
   * `METHOD /path` of sync's own calls, in order: the check's run writes and its GraphQL read (the
   * one asking for this app's check runs) are left out; GraphQL reads are named by what they read.
   */
  syncCalls(): string[] {
    return this.calls().flatMap((call) => {
      const path = decodeURIComponent(new URL(call.url).pathname).replace(this.base, "");
      if (path.startsWith("/check-runs")) return [];
      if (path !== "/graphql") return [`${call.method} ${path}`];
      const body = call.body as GraphqlBody;
      if (body.query.includes("query ParallelPlansSync")) return ["graphql: sync state"];
      return body.variables?.appId === undefined ? ["graphql: plans"] : [];
    });
  }

  private answerAt(body: GraphqlBody): unknown {
    if (body.query.includes("query ParallelPlansSync")) return this.syncState(body);
    // A push's one read carries the sync part (history, branches) beside the plans.
    const syncPart = this.syncState({
      query: body.query,
      variables: Object.fromEntries(
        Object.entries(body.variables ?? {}).filter(([name]) => /^[rp]\d+$/.test(name)),
      ),
    });
    return { ...(this.answerPlans(body) as object), ...syncPart };
  }

  private answerPlans(body: GraphqlBody): unknown {
    // Read the commit the query names, with the parent fake's own answer.
    const expression = Object.values(body.variables ?? {}).find(
      (v) => typeof v === "string" && /^[0-9a-f]{40}:/.test(v),
    );
    const at =
      typeof expression === "string" ? this.commits.get(expression.slice(0, 40)) : undefined;
    const saved = new Map(this.files);
    if (at) {
      this.files.clear();
      for (const [path, file] of at.files) this.files.set(path, file);
    }
    try {
      return (this as unknown as { answer(b: GraphqlBody): { repository: unknown } }).answer(body)
        .repository;
    } finally {
      this.files.clear();
      for (const [path, file] of saved) this.files.set(path, file);
    }
  }

  private syncState({ query, variables = {} }: GraphqlBody): Record<string, unknown> {
    const repository: Record<string, unknown> = {};
    if (variables.config !== undefined) {
      const parent = (
        this as unknown as { answer(b: GraphqlBody): { repository: Record<string, unknown> } }
      ).answer({ query, variables: { config: variables.config } });
      repository.config = parent.repository.config;
    }
    if (query.includes("history(first:")) {
      const nodes = this.history.slice(0, 100).map((oid) => ({ oid }));
      repository.branchHead = { target: { oid: this.history[0] ?? null, history: { nodes } } };
    }
    if (query.includes("syncBranches: refs(")) {
      // GitHub splits a listed ref into the prefix asked for and the rest.
      const prefix = /refPrefix: "([^"]+)"/.exec(query)![1]!;
      const nodes = [...this.branches.keys()]
        .map((branch) => `refs/heads/${branch}`)
        .filter((ref) => ref.startsWith(prefix))
        .sort()
        .map((ref) => ({ prefix, name: ref.slice(prefix.length) }));
      repository.syncBranches = { totalCount: nodes.length, nodes: nodes.slice(0, 100) };
    }
    for (const [name, value] of Object.entries(variables)) {
      if (!/^r\d+$/.test(name)) continue;
      const branch = (value as string).replace(/^refs\/heads\//, "");
      const path = variables[`p${name.slice(1)}`] as string;
      repository[name] = this.branches.has(branch) ? this.refNode(branch, path) : null;
    }
    return repository;
  }

  private refNode(branch: string, path: string): unknown {
    const commit = this.commitOf(branch);
    const parent =
      commit.parents[0] === undefined ? undefined : this.commits.get(commit.parents[0]);
    const pulls = this.openPulls().filter((p) => p.head === branch);
    return {
      target: {
        oid: commit.oid,
        message: commit.message,
        author: { email: commit.authorEmail },
        committer: { email: commit.committerEmail },
        parents: {
          totalCount: commit.parents.length,
          nodes: parent ? [{ oid: parent.oid, file: fileNode(parent, path) }] : [],
        },
        file: fileNode(commit, path),
      },
      associatedPullRequests: {
        nodes: pulls.map((p) => ({
          number: p.number,
          url: this.pullUrl(p.number),
          body: p.body,
          baseRefName: p.base,
          comments: {
            nodes: p.comments.slice(-50).map((c) => ({ viewerDidAuthor: c.byApp, body: c.body })),
          },
        })),
      },
    };
  }

  private commitOf(branch: string): FakeCommit {
    const commit = this.commits.get(this.branches.get(branch) ?? "");
    if (!commit) throw new Error(`no branch ${branch}`);
    return commit;
  }

  private pullUrl(number: number): string {
    return `https://github.com/${this.owner}/${this.repo}/pull/${number}`;
  }
}

function fileNode(commit: FakeCommit, path: string): unknown {
  const file = commit.files.get(path);
  return file === undefined
    ? null
    : { object: { text: bytesOf(file).toString("utf8"), isTruncated: false } };
}

/** The branch a `/git/refs/heads%2F…` URI names. */
function refOf(uri: string): string {
  return decodeURIComponent(uri.slice(uri.indexOf("/git/refs/") + "/git/refs/".length)).replace(
    /^heads\//,
    "",
  );
}
