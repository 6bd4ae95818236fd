/**
 * What slash-command tests add to the fake GitHub: real `issue_comment.created` payloads (on an
 * issue, or on a pull request as GitHub sends them), the comment's first GraphQL query answered
 * from the fake's state, reactions, the collaborator-permission endpoint and reply comments.
 * Every interceptor is one call, so `mock.done()` fails on an unused one.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fakeSha, type WebhookPayload } from "../support/webhook-fixtures.js";
import type { FakeGitHub, GraphqlBody } from "./fake-github.js";
import { blobText } from "./fake-git.js";

const TEMPLATES = ".github/parallel-plans/templates/";

/** A pull request as the fake knows it. */
export interface FakePull {
  number: number;
  headSha: string;
  files: string[];
  /** The last commit GitHub lists for it when that is not the head (past 250 commits). */
  lastListed?: string;
}

interface ExampleEvent {
  name: string;
  examples: WebhookPayload[];
}

/** The real `issue_comment.created` example carrying an installation, with `body`. */
export function commentEvent(
  body: string,
  opts: {
    pull?: number;
    /** The issue commented on (default: the example's #1). */
    issue?: number;
    login?: string;
    type?: "User" | "Bot";
    commentId?: number;
  } = {},
): WebhookPayload {
  const file = createRequire(import.meta.url).resolve(
    "@octokit/webhooks-examples/api.github.com/index.json",
  );
  const events = JSON.parse(readFileSync(file, "utf8")) as ExampleEvent[];
  const found = events
    .find((e) => e.name === "issue_comment")
    ?.examples.find((p) => p.action === "created" && typeof p.installation?.id === "number");
  if (!found)
    throw new Error("@octokit/webhooks-examples has no issue_comment.created with an installation");
  const payload = structuredClone(found);
  payload.comment.body = body;
  if (opts.commentId !== undefined) payload.comment.id = opts.commentId;
  if (opts.issue !== undefined) payload.issue.number = opts.issue;
  if (opts.login !== undefined) {
    payload.comment.user.login = opts.login;
    payload.sender.login = opts.login;
  }
  if (opts.type !== undefined) {
    payload.comment.user.type = opts.type;
    payload.sender.type = opts.type;
  }
  if (opts.pull !== undefined) {
    // What GitHub adds to the issue of a comment on a pull request.
    const repo = payload.repository;
    payload.issue.number = opts.pull;
    payload.issue.pull_request = {
      url: `${repo.url}/pulls/${opts.pull}`,
      html_url: `${repo.html_url}/pull/${opts.pull}`,
      diff_url: `${repo.html_url}/pull/${opts.pull}.diff`,
      patch_url: `${repo.html_url}/pull/${opts.pull}.patch`,
      merged_at: null,
    };
  }
  return payload;
}

export class CommentsGitHub {
  /** The default branch's head. */
  readonly branchSha = fakeSha("default branch head");
  pull: FakePull | null = null;

  constructor(readonly gh: FakeGitHub) {}

  private get rest(): string {
    return `/repos/${this.gh.owner}/${this.gh.repo}`;
  }

  /** The commit commands read plans at: the pull request's head, or the default branch's. */
  get sha(): string {
    return this.pull?.headSha ?? this.branchSha;
  }

  expectReaction(commentId: number, status: 200 | 201 = 201): this {
    this.gh.mock.api
      .post(`${this.rest}/issues/comments/${commentId}/reactions`)
      .reply(status, { id: 1, content: "eyes", user: { login: "parallel-plans[bot]" } });
    return this;
  }

  /** The comment's first query: config, template overrides, the commit (and pull files). */
  expectContext(): this {
    this.gh.mock.api
      .post("/graphql", (body: { query?: string }) =>
        String(body.query).includes("ParallelPlansComment"),
      )
      .reply(200, (_uri, body) => ({
        data: { repository: this.answer(body as GraphqlBody) },
      }));
    return this;
  }

  expectPermission(login: string, role: string, permission = role): this {
    this.gh.mock.api
      .get(`${this.rest}/collaborators/${login}/permission`)
      .reply(200, { permission, role_name: role, user: { login } });
    return this;
  }

  expectReplies(issueNumber: number, times = 1): this {
    for (let i = 0; i < times; i++) {
      this.gh.mock.api
        .post(`${this.rest}/issues/${issueNumber}/comments`)
        .reply(201, (_uri, body) => ({ id: 7000 + i, body: (body as { body: string }).body }));
    }
    return this;
  }

  /** The thread since the command comment, as one page of the app's comments with `bodies`. */
  expectThread(issueNumber: number, bodies: string[], since: string): this {
    this.gh.mock.api
      .get(`${this.rest}/issues/${issueNumber}/comments`)
      .query({ since, per_page: "100" })
      .reply(
        200,
        bodies.map((body, i) => ({
          id: 7000 + i,
          body,
          user: { login: "parallel-plans[bot]", type: "Bot" },
        })),
      );
    return this;
  }

  /** Bodies of the reply comments, in order. */
  replies(): string[] {
    return this.gh
      .calls()
      .filter(
        (r) => r.method === "POST" && /\/issues\/\d+\/comments$/.test(new URL(r.url).pathname),
      )
      .map((r) => (r.body as { body: string }).body);
  }

  private answer(body: GraphqlBody): Record<string, unknown> {
    const variables = body.variables ?? {};
    const repository: Record<string, unknown> = {};
    // The app's issues and the labels, when `/parallel assign` asks for them.
    for (const part of this.gh.graphqlParts) Object.assign(repository, part(body));
    const branch = `${this.gh.defaultBranch}:`;
    repository.config =
      variables.config === `${branch}.github/parallel-plans.yml` && this.gh.config !== null
        ? blobText(this.gh.config)
        : null;
    if (variables.templates === `${branch}${TEMPLATES.slice(0, -1)}`) {
      const entries = [...this.gh.files]
        .filter(([p]) => p.startsWith(TEMPLATES) && !p.slice(TEMPLATES.length).includes("/"))
        .map(([p, f]) => ({ name: p.slice(TEMPLATES.length), type: "blob", object: blobText(f) }));
      repository.templates = entries.length > 0 ? { entries } : null;
    }
    if (variables.number !== undefined) {
      const pull = this.pull?.number === variables.number ? this.pull : null;
      repository.pullRequest = pull && {
        headRefOid: pull.headSha,
        changedFiles: pull.files.length,
        files: { nodes: pull.files.slice(0, 100).map((path) => ({ path })) },
        ...(body.query.includes("commits(last: 1)")
          ? { commits: { nodes: [{ commit: this.commit(pull.lastListed ?? pull.headSha, body) }] } }
          : {}),
      };
    } else {
      repository.defaultBranchRef = { target: this.commit(this.branchSha, body) };
    }
    return repository;
  }

  /** The commit node: its oid, and the plan folders and roots the query reads in it. */
  private commit(oid: string, { query, variables = {} }: GraphqlBody): Record<string, unknown> {
    const depth = Math.max(1, (query.match(/fragment E\d+ /g) ?? []).length + 1);
    const node: Record<string, unknown> = { oid };
    for (const [name, value] of Object.entries(variables)) {
      if (/^f\d+$/.test(name)) {
        const folder = this.gh.folderAnswer(value as string, depth);
        node[name] = folder === null ? null : { object: folder };
      } else if (/^r\d+$/.test(name)) {
        node[name] = this.root(value as string, depth);
      }
    }
    return node;
  }

  /** A plan root: its folders, each listed like a plan folder; null when there is none. */
  private root(dir: string, depth: number): unknown {
    const children = new Set<string>();
    for (const p of this.gh.files.keys()) {
      if (p.startsWith(`${dir}/`)) children.add(p.slice(dir.length + 1).split("/")[0]!);
    }
    if (children.size === 0) return null;
    const entries = [...children].sort().map((name) => {
      const folder = this.gh.folderAnswer(`${dir}/${name}`, depth);
      return folder !== null && typeof folder === "object" && "entries" in folder
        ? { name, type: "tree", object: folder }
        : { name, type: "blob", object: {} };
    });
    return { object: { entries } };
  }
}
