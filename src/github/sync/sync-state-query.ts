/**
 * The one GraphQL query that reads what sync compares against, for every plan at once: the config
 * on the default branch, the default branch's head and latest commits (to tell a branch an
 * interrupted run left at one of them), and per plan its sync branch (head commit, who made it,
 * parallel.json there and on its parent) with the open pull request from it and that pull
 * request's last comments (to comment only once). Pure: what to read in, query and parsed state
 * out. Refs and paths travel as variables, never in the query text.
 */
import { BRANCH_HEAD_ALIAS as HEAD_ALIAS } from "../pipeline/branch-head.js";
import type { BlobNode } from "../pipeline/commit-files.js";
import type { QueryPart } from "../pipeline/graphql-query.js";
import { hasSyncMarker } from "./sync-marker.js";
import { SYNC_BRANCH_PREFIX, type BranchCommit } from "./sync-branch.js";

/** Commits of the default branch read: far more than arrive between two syncs. */
export const HISTORY_DEPTH = 100;
/** Comments of the sync pull request searched for the app's "stopped" notice. */
const COMMENTS = 50;
/** Sync branches listed by name when the plans are not known before the read (every plan). */
export const LISTED_SYNC_BRANCHES = 100;

export interface BranchRequest {
  plan: string;
  branch: string;
  /** parallel.json of the plan, from the repository root. */
  file: string;
}

export interface SyncStateRequest {
  owner: string;
  name: string;
  /** The default branch: sync pull requests go into it. */
  defaultBranch: string;
  /** `<default branch>:.github/parallel-plans.yml`, when the config is wanted. */
  configExpression?: string;
  /** Read the default branch's head and recent history. */
  history: boolean;
  branches: readonly BranchRequest[];
  /**
   * List the names of the existing sync branches: when every plan is synced, plans whose branch
   * is not among them need no branch read at all.
   */
  listBranches?: boolean;
}

export interface OpenPull {
  number: number;
  url: string;
  body: string;
  /** The app already said, in a comment, that a person's commit stopped it. */
  stopNoticeSent: boolean;
}

export interface BranchState {
  commit: BranchCommit;
  /** parallel.json on the branch head and on its parent (null: absent or not read whole). */
  fileText: string | null;
  parentFileText: string | null;
  /** The open pull request from the branch into the default branch. */
  pull: OpenPull | null;
}

export interface SyncState {
  config: BlobNode | null;
  /** Default branch commits, newest first (empty when not asked for). */
  history: string[];
  /** Per plan: its branch, or null when the branch does not exist. */
  branches: Map<string, BranchState | null>;
  /** Names of every existing sync branch; null when not listed (or more than one page). */
  existing: ReadonlySet<string> | null;
}

const FILE = "object { ... on Blob { text isTruncated } }";

/**
 * The sync part of a query without the config: default branch history and per plan its sync
 * branch (`$rN` a branch ref, `$pN` its parallel.json path). The event snapshot query carries it
 * on a push to the default branch, so sync reads nothing of its own.
 */
export function syncStateFields(
  request: Pick<SyncStateRequest, "history" | "branches" | "listBranches">,
): QueryPart {
  const declarations: string[] = [];
  const variables: Record<string, string> = {};
  const fields: string[] = [];
  if (request.listBranches) {
    fields.push(
      `syncBranches: refs(refPrefix: "refs/heads/${SYNC_BRANCH_PREFIX}", first: ${LISTED_SYNC_BRANCHES}) { totalCount nodes { prefix name } }`,
    );
  }
  if (request.history) {
    // The head's history under the head field's alias: `readBranchHead` reads the head from it,
    // so a push's one query asks for the default branch once.
    fields.push(
      `${HEAD_ALIAS}: defaultBranchRef { target { oid ... on Commit { history(first: ${HISTORY_DEPTH}) { nodes { oid } } } } }`,
    );
  }
  request.branches.forEach(({ branch, file }, i) => {
    declarations.push(`$r${i}: String!`, `$p${i}: String!`);
    variables[`r${i}`] = `refs/heads/${branch}`;
    variables[`p${i}`] = file;
    fields.push(
      `r${i}: ref(qualifiedName: $r${i}) { target { ... on Commit { oid message author { email } committer { email } parents(first: 1) { totalCount nodes { file(path: $p${i}) { ${FILE} } } } file(path: $p${i}) { ${FILE} } } } associatedPullRequests(states: OPEN, first: 5) { nodes { number url body baseRefName comments(last: ${COMMENTS}) { nodes { viewerDidAuthor body } } } } }`,
    );
  });
  return { declarations, variables, fields };
}

/** The query and its variables. */
export function buildSyncStateQuery(request: SyncStateRequest): {
  query: string;
  variables: Record<string, string>;
} {
  const declarations = ["$owner: String!", "$name: String!"];
  const variables: Record<string, string> = { owner: request.owner, name: request.name };
  const fields: string[] = [];
  if (request.configExpression !== undefined) {
    declarations.push("$config: String!");
    variables.config = request.configExpression;
    fields.push(
      "config: object(expression: $config) { ... on Blob { oid byteSize isBinary isTruncated text } }",
    );
  }
  const part = syncStateFields(request);
  declarations.push(...part.declarations);
  Object.assign(variables, part.variables);
  fields.push(...part.fields);
  const query = [
    `query ParallelPlansSync(${declarations.join(", ")}) {`,
    "  repository(owner: $owner, name: $name) {",
    ...fields.map((field) => `    ${field}`),
    "  }",
    "}",
  ].join("\n");
  return { query, variables };
}

interface FileNode {
  object?: { text?: string | null; isTruncated?: boolean } | null;
}
interface CommitNode {
  oid: string;
  message?: string;
  author?: { email?: string | null } | null;
  committer?: { email?: string | null } | null;
  parents?: { totalCount?: number; nodes?: ({ file?: FileNode | null } | null)[] };
  file?: FileNode | null;
}
interface PullNode {
  number: number;
  url: string;
  body?: string | null;
  baseRefName?: string;
  comments?: { nodes?: ({ viewerDidAuthor?: boolean; body?: string | null } | null)[] };
}
interface RefNode {
  target?: CommitNode | null;
  associatedPullRequests?: { nodes?: (PullNode | null)[] };
}
type RepositoryNode = Record<string, unknown> & {
  config?: BlobNode | null;
  syncBranches?: {
    totalCount?: number;
    nodes?: ({ prefix?: string; name?: string } | null)[] | null;
  } | null;
  [HEAD_ALIAS]?: {
    target?: { history?: { nodes?: ({ oid: string } | null)[] } } | null;
  } | null;
};

/** The state in a response to {@link buildSyncStateQuery}. */
export function readSyncState(repository: RepositoryNode, request: SyncStateRequest): SyncState {
  const history = (repository[HEAD_ALIAS]?.target?.history?.nodes ?? []).flatMap((n) =>
    n ? [n.oid] : [],
  );
  const branches = new Map<string, BranchState | null>();
  request.branches.forEach(({ plan }, i) => {
    const ref = repository[`r${i}`] as RefNode | null | undefined;
    const commit = ref?.target;
    if (!commit?.oid) {
      branches.set(plan, null);
      return;
    }
    const parent = commit.parents?.nodes?.[0] ?? null;
    const pull = (ref?.associatedPullRequests?.nodes ?? []).find(
      (p): p is PullNode => p !== null && p.baseRefName === request.defaultBranch,
    );
    branches.set(plan, {
      commit: {
        oid: commit.oid,
        message: commit.message ?? "",
        authorEmail: commit.author?.email ?? null,
        committerEmail: commit.committer?.email ?? null,
        parentCount: commit.parents?.totalCount ?? 0,
      },
      fileText: textOf(commit.file),
      parentFileText: textOf(parent?.file),
      pull: pull ? readPull(pull, plan) : null,
    });
  });
  return { config: repository.config ?? null, history, branches, existing: listed(repository) };
}

/** The branch names (`parallel-plans/sync/X`) of the listed sync branches, when all are listed. */
function listed(repository: RepositoryNode): ReadonlySet<string> | null {
  const refs = repository.syncBranches;
  const nodes = refs?.nodes;
  if (!nodes || typeof refs.totalCount !== "number" || refs.totalCount > nodes.length) return null;
  // Whichever way GitHub splits a listed ref into prefix and name, together they are the ref.
  return new Set(
    nodes.flatMap((node) =>
      node?.name ? [`${node.prefix ?? ""}${node.name}`.replace(/^refs\/heads\//, "")] : [],
    ),
  );
}

function readPull(pull: PullNode, plan: string): OpenPull {
  const stopNoticeSent = (pull.comments?.nodes ?? []).some(
    (c) => c?.viewerDidAuthor === true && hasSyncMarker(c.body, "sync-stopped", plan),
  );
  return { number: pull.number, url: pull.url, body: pull.body ?? "", stopNoticeSent };
}

function textOf(file: FileNode | null | undefined): string | null {
  const object = file?.object;
  return typeof object?.text === "string" && object.isTruncated !== true ? object.text : null;
}
