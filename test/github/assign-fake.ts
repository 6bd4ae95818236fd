/**
 * What assignment tests add to the fake GitHub: the repository's issues (the app's own, found by
 * the `parallel-plans` label), labels, sub-issue and "blocked by" links. Every interceptor is one
 * call, so `mock.done()` fails on an unused one; writes update the state the next listing returns.
 */
import type { FakeGitHub } from "./fake-github.js";

export interface FakeIssue {
  number: number;
  id: number;
  url: string;
  state: "open" | "closed";
  state_reason: string | null;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  user: { login: string; type: "Bot" | "User" };
  /** Who made the last close (REST spelling: a bot's login ends in `[bot]`); null: never closed. */
  closedBy: string | null;
  parent: number | null;
  blockedBy: number[];
  subIssues: number[];
}

type Body = Record<string, unknown>;

/** The app's bot as REST names it. */
export const APP_LOGIN = "parallel-plans[bot]";

/** A user or bot as GitHub's GraphQL API shows it: a bot's login without `[bot]`. */
function actor(login: string): Body {
  const bot = login.endsWith("[bot]");
  return { __typename: bot ? "Bot" : "User", login: bot ? login.slice(0, -"[bot]".length) : login };
}

export class AssignGitHub {
  readonly issues: FakeIssue[] = [];
  readonly labels = new Set<string>();
  readonly comments: { number: number; body: string }[] = [];
  private nextNumber = 100;

  constructor(readonly gh: FakeGitHub) {
    // The app's issues in the event's one GraphQL read, as GitHub's GraphQL API shows them.
    gh.graphqlParts.push(({ variables }) => {
      const label = variables?.appLabel;
      if (typeof label !== "string") return {};
      const listed = this.issues.filter((i) => i.labels.includes(label));
      return {
        ownIssues: {
          totalCount: listed.length,
          nodes: listed.slice(0, 100).map((i) => this.node(i)),
        },
      };
    });
    // The repository's labels, when the read asks for them (a click, `/parallel assign`).
    gh.graphqlParts.push(({ query }) => {
      if (!query.includes("repoLabels: labels(")) return {};
      const names = [...this.labels];
      return {
        repoLabels: {
          totalCount: names.length,
          nodes: names.slice(0, 100).map((name) => ({ name })),
        },
      };
    });
  }

  /** An issue as GitHub's GraphQL API shows it. */
  node(issue: FakeIssue): Body {
    return {
      number: issue.number,
      // `add` may be given an achievement spec whose `id` is the achievement's ("3.1").
      databaseId: typeof issue.id === "number" ? issue.id : 5_000_000 + issue.number,
      url: `https://github.com/${this.gh.owner}/${this.gh.repo}/issues/${issue.number}`,
      state: issue.state.toUpperCase(),
      stateReason: issue.state_reason === null ? null : issue.state_reason.toUpperCase(),
      title: issue.title,
      body: issue.body,
      author: { __typename: issue.user.type, login: issue.user.login.replace(/\[bot\]$/, "") },
      timelineItems: { nodes: issue.closedBy === null ? [] : [{ actor: actor(issue.closedBy) }] },
      labels: { nodes: issue.labels.map((name) => ({ name })) },
      assignees: { nodes: issue.assignees.map((login) => ({ login })) },
      parent: issue.parent === null ? null : { url: this.issueUrl(issue.parent) },
      subIssuesSummary: { total: issue.subIssues.length },
      blockedBy: { totalCount: issue.blockedBy.length },
    };
  }

  private get rest(): string {
    return `/repos/${this.gh.owner}/${this.gh.repo}`;
  }

  private issueUrl(number: number): string {
    return `https://api.github.com${this.rest}/issues/${number}`;
  }

  /** An issue as GitHub lists it. */
  view(issue: FakeIssue): Body {
    return {
      number: issue.number,
      id: issue.id,
      url: issue.url,
      html_url: `https://github.com/${this.gh.owner}/${this.gh.repo}/issues/${issue.number}`,
      state: issue.state,
      state_reason: issue.state_reason,
      title: issue.title,
      body: issue.body,
      labels: issue.labels.map((name) => ({ name })),
      assignees: issue.assignees.map((login) => ({ login })),
      user: issue.user,
      parent_issue_url: issue.parent === null ? null : this.issueUrl(issue.parent),
      issue_dependencies_summary: {
        blocked_by: issue.blockedBy.length,
        blocking: 0,
        total_blocked_by: issue.blockedBy.length,
        total_blocking: 0,
      },
      sub_issues_summary: { total: issue.subIssues.length, completed: 0, percent_completed: 0 },
    };
  }

  /** Add an issue (someone else's, or one the app made earlier). */
  add(fields: Partial<FakeIssue> & { title: string; body: string }): FakeIssue {
    const number = this.nextNumber++;
    const issue: FakeIssue = {
      number,
      id: 5_000_000 + number,
      url: this.issueUrl(number),
      state: "open",
      state_reason: null,
      labels: [],
      assignees: [],
      user: { login: APP_LOGIN, type: "Bot" },
      closedBy: null,
      parent: null,
      blockedBy: [],
      subIssues: [],
      ...fields,
    };
    this.issues.push(issue);
    for (const l of issue.labels) this.labels.add(l);
    return issue;
  }

  byNumber(number: number): FakeIssue {
    const found = this.issues.find((i) => i.number === number);
    if (!found) throw new Error(`no issue #${number}`);
    return found;
  }

  /** The paginated listing of labelled issues (`pages` requests). */
  expectListIssues(pages = 1): this {
    for (let page = 1; page <= pages; page++) {
      const query: Record<string, string> = {
        labels: "parallel-plans",
        state: "all",
        per_page: "100",
      };
      if (page > 1) query.page = String(page);
      this.gh.mock.api
        .get(`${this.rest}/issues`)
        .query(query)
        .reply(() => {
          const listed = this.issues.filter((i) => i.labels.includes("parallel-plans"));
          const total = Math.max(1, Math.ceil(listed.length / 100));
          const headers: Record<string, string> = {};
          if (page < total) {
            headers.link = `<https://api.github.com${this.rest}/issues?labels=parallel-plans&state=all&per_page=100&page=${page + 1}>; rel="next"`;
          }
          return [
            200,
            listed
              .sort((a, b) => b.number - a.number)
              .slice((page - 1) * 100, page * 100)
              .map((i) => this.view(i)),
            headers,
          ];
        });
    }
    return this;
  }

  expectListLabels(): this {
    this.gh.mock.api
      .get(`${this.rest}/labels`)
      .query({ per_page: "100" })
      .reply(200, () => [...this.labels].map((name, i) => ({ id: i + 1, name, color: "ededed" })));
    return this;
  }

  expectCreateLabels(times: number): this {
    for (let i = 0; i < times; i++) {
      this.gh.mock.api.post(`${this.rest}/labels`).reply(201, (_uri, body) => {
        const name = (body as Body).name as string;
        this.labels.add(name);
        return { id: 900 + i, name, color: (body as Body).color };
      });
    }
    return this;
  }

  /** Issue creations; `fail` answers the given one (1-based) with a 500. */
  expectCreateIssues(times: number, fail?: number): this {
    for (let i = 1; i <= times; i++) {
      if (i === fail) {
        this.gh.mock.api.post(`${this.rest}/issues`).reply(500, { message: "Server Error" });
        continue;
      }
      this.gh.mock.api.post(`${this.rest}/issues`).reply(201, (_uri, body) => {
        const b = body as Body;
        const issue = this.add({
          title: b.title as string,
          body: (b.body as string) ?? "",
          labels: (b.labels as string[]) ?? [],
        });
        return this.view(issue);
      });
    }
    return this;
  }

  expectSubIssues(times: number): this {
    for (let i = 0; i < times; i++) {
      this.gh.mock.api
        .post(new RegExp(`^${this.rest}/issues/\\d+/sub_issues$`))
        .reply(201, (uri, body) => {
          const parent = this.byNumber(Number(uri.split("/").slice(-2)[0]));
          const child = this.issues.find((x) => x.id === (body as Body).sub_issue_id);
          if (!child) return { message: "Not Found" };
          if (parent.subIssues.length >= 100) return { message: "Validation Failed" };
          child.parent = parent.number;
          parent.subIssues.push(child.number);
          return this.view(child);
        });
    }
    return this;
  }

  expectBlockedBy(times: number): this {
    for (let i = 0; i < times; i++) {
      this.gh.mock.api
        .post(new RegExp(`^${this.rest}/issues/\\d+/dependencies/blocked_by$`))
        .reply(201, (uri, body) => {
          const issue = this.byNumber(Number(uri.split("/").slice(-3)[0]));
          issue.blockedBy.push((body as Body).issue_id as number);
          return this.view(issue);
        });
    }
    return this;
  }

  expectAssignees(number: number, status = 201): this {
    this.gh.mock.api.post(`${this.rest}/issues/${number}/assignees`).reply(status, (_uri, body) => {
      const issue = this.byNumber(number);
      for (const login of (body as { assignees: string[] }).assignees)
        if (!issue.assignees.includes(login)) issue.assignees.push(login);
      return this.view(issue);
    });
    return this;
  }

  expectUnassign(number: number): this {
    this.gh.mock.api.delete(`${this.rest}/issues/${number}/assignees`).reply(200, (_uri, body) => {
      const issue = this.byNumber(number);
      const gone = (body as { assignees: string[] }).assignees;
      issue.assignees = issue.assignees.filter((a) => !gone.includes(a));
      return this.view(issue);
    });
    return this;
  }

  /** `GET /assignees/{login}`: 204 when the user can be assigned, 404 when not. */
  expectCanBeAssigned(login: string, can: boolean): this {
    this.gh.mock.api
      .get(`${this.rest}/assignees/${login}`)
      .reply(can ? 204 : 404, can ? "" : { message: "Not Found" });
    return this;
  }

  /** Comments on issues; their bodies land in `comments`. */
  expectComments(times: number): this {
    for (let i = 0; i < times; i++) {
      this.gh.mock.api
        .post(new RegExp(`^${this.rest}/issues/\\d+/comments$`))
        .reply(201, (uri, body) => {
          const number = Number(uri.split("/").slice(-2)[0]);
          this.comments.push({ number, body: (body as { body: string }).body });
          return { id: 8000 + i, body: (body as { body: string }).body };
        });
    }
    return this;
  }

  /** Issue edits (state, title, body). */
  expectPatchIssues(times: number): this {
    for (let i = 0; i < times; i++) {
      this.gh.mock.api.patch(new RegExp(`^${this.rest}/issues/\\d+$`)).reply(200, (uri, body) => {
        const issue = this.byNumber(Number(uri.split("/").pop()));
        const b = body as Body;
        if (b.state === "closed") {
          issue.state = "closed";
          issue.state_reason = (b.state_reason as string) ?? "completed";
          issue.closedBy = APP_LOGIN;
        } else if (b.state === "open") {
          issue.state = "open";
          issue.state_reason = "reopened";
        }
        if (typeof b.title === "string") issue.title = b.title;
        if (typeof b.body === "string") issue.body = b.body;
        return this.view(issue);
      });
    }
    return this;
  }

  expectAddLabels(times: number): this {
    for (let i = 0; i < times; i++) {
      this.gh.mock.api
        .post(new RegExp(`^${this.rest}/issues/\\d+/labels$`))
        .reply(200, (uri, body) => {
          const issue = this.byNumber(Number(uri.split("/").slice(-2)[0]));
          for (const l of (body as { labels: string[] }).labels)
            if (!issue.labels.includes(l)) issue.labels.push(l);
          return issue.labels.map((name) => ({ name }));
        });
    }
    return this;
  }

  /** The app's achievement issues, by achievement id. */
  achievementIssues(): Map<string, FakeIssue> {
    const out = new Map<string, FakeIssue>();
    for (const issue of this.issues) {
      const id = /"kind":"achievement","plan":"[^"]*","id":"([^"]+)"/.exec(issue.body)?.[1];
      if (id) out.set(id, issue);
    }
    return out;
  }
}
