/**
 * The read of a comment, one GraphQL query: the config and (for prompt commands) the template
 * overrides from the default branch; the commit to read plans at — the pull request's head with
 * its changed files, or the default branch's head in an issue — and, in that same commit, the
 * plan folders the commands will want: the folders `--plan` names, or every plan folder below
 * the plan roots of the config's globs; for `/parallel assign` the app's issues and the labels.
 * Pure: what to read in, query text and variables out; every path and ref travels as a variable.
 */
import { CONFIG_PATH } from "../pipeline/touched-plans.js";
import type { BlobNode, EntryNode } from "../pipeline/commit-files.js";
import { treeFragments, type QueryPart } from "../pipeline/graphql-query.js";
import { TEMPLATE_OVERRIDE_DIR } from "../../prompts/templates.js";

/** Changed files read with the pull request (GitHub's page size); more are listed over REST. */
export const PULL_FILES_FIRST = 100;

/** What the first query reads, for one comment. */
export interface CommentQuery {
  owner: string;
  name: string;
  defaultBranch: string;
  /** The pull request commented on; null in an issue. */
  pull: number | null;
  /** Read `.github/parallel-plans/templates/` too. */
  templates: boolean;
  /** Plan folders and plan roots to read in the commit, listed `depth` levels below a plan. */
  at?: { folders: readonly string[]; roots: readonly string[]; depth: number };
  /** What features add (the app's issues, the labels). */
  parts?: readonly QueryPart[];
}

/** A plan folder as read in the commit: its entries, or null when it is not there. */
export type FolderEntries = EntryNode[] | null;

/** What the first query learned. */
export interface CommentContextData {
  config: BlobNode | null;
  /** Template override files by name; empty without the folder. */
  templates: Map<string, BlobNode>;
  /** The commit plans are read at; null when GitHub gave none (an empty repository). */
  sha: string | null;
  /** The pull request's changed paths when all of them came back; null otherwise. */
  changedPaths: string[] | null;
  /** How many files the pull request changes (0 in an issue). */
  changedCount: number;
  /**
   * What the query read in the commit `sha` (null when it asked nothing, or the pull request's
   * last commit is not its head): each folder asked for, and each root's plan folders.
   */
  at: {
    folders: Map<string, FolderEntries>;
    roots: Map<string, Map<string, FolderEntries>>;
  } | null;
  /** The whole answer, for the fields the parts asked for. */
  repository: Record<string, unknown>;
}

/** The first query of a comment: what to read in, query text and variables out. */
export function buildCommentQuery(request: CommentQuery): {
  query: string;
  variables: Record<string, string | number>;
} {
  const declarations = ["$owner: String!", "$name: String!", "$config: String!"];
  const variables: Record<string, string | number> = {
    owner: request.owner,
    name: request.name,
    config: `${request.defaultBranch}:${CONFIG_PATH}`,
  };
  const fields = ["config: object(expression: $config) { ...BlobText }"];
  if (request.templates) {
    declarations.push("$templates: String!");
    variables.templates = `${request.defaultBranch}:${TEMPLATE_OVERRIDE_DIR}`;
    fields.push(
      "templates: object(expression: $templates) { ... on Tree { entries { name type object { ...BlobText } } } }",
    );
  }
  const inCommit: string[] = [];
  if (request.at) {
    request.at.folders.forEach((path, i) => {
      declarations.push(`$f${i}: String!`);
      variables[`f${i}`] = path;
      inCommit.push(`f${i}: file(path: $f${i}) { object { ... on Tree { entries { ...Top } } } }`);
    });
    request.at.roots.forEach((path, i) => {
      declarations.push(`$r${i}: String!`);
      variables[`r${i}`] = path;
      inCommit.push(
        `r${i}: file(path: $r${i}) { object { ... on Tree { entries { name type object { ... on Tree { entries { ...Top } } } } } } }`,
      );
    });
  }
  const commit = `oid${inCommit.length > 0 ? ` ... on Commit { ${inCommit.join(" ")} }` : ""}`;
  if (request.pull !== null) {
    declarations.push("$number: Int!");
    variables.number = request.pull;
    // The last commit of the pull request is its head (checked against `headRefOid`).
    const head = inCommit.length > 0 ? ` commits(last: 1) { nodes { commit { ${commit} } } }` : "";
    fields.push(
      `pullRequest(number: $number) { headRefOid changedFiles files(first: ${PULL_FILES_FIRST}) { nodes { path } }${head} }`,
    );
  } else {
    fields.push(`defaultBranchRef { target { ${commit} } }`);
  }
  for (const part of request.parts ?? []) {
    declarations.push(...part.declarations);
    Object.assign(variables, part.variables);
    fields.push(...part.fields);
  }
  const query = [
    `query ParallelPlansComment(${declarations.join(", ")}) {`,
    "  repository(owner: $owner, name: $name) {",
    ...fields.map((field) => `    ${field}`),
    "  }",
    "}",
    ...(inCommit.length > 0 ? treeFragments(Math.max(1, request.at?.depth ?? 1)) : []),
    "fragment BlobText on Blob { oid byteSize isBinary isTruncated text }",
  ].join("\n");
  return { query, variables };
}

interface CommitNode {
  oid?: string;
  [alias: string]: unknown;
}

interface FileNode {
  object?: { entries?: EntryNode[] | null } | null;
}

type Repository = Record<string, unknown> & {
  config?: BlobNode | null;
  templates?: {
    entries?: { name?: string; type?: string; object?: BlobNode | null }[] | null;
  } | null;
  pullRequest?: {
    headRefOid?: string;
    changedFiles?: number;
    files?: { nodes?: ({ path?: string } | null)[] | null } | null;
    commits?: { nodes?: ({ commit?: CommitNode | null } | null)[] | null } | null;
  } | null;
  defaultBranchRef?: { target?: CommitNode | null } | null;
};

/** What the answer says, tolerant of missing parts (a deleted branch, no templates folder). */
export function readCommentContext(
  repository: Repository,
  request: Pick<CommentQuery, "at"> = {},
): CommentContextData {
  const templates = new Map<string, BlobNode>();
  for (const entry of repository.templates?.entries ?? []) {
    if (entry.type === "blob" && entry.name && entry.object)
      templates.set(entry.name, entry.object);
  }
  const pull = repository.pullRequest;
  if (pull === undefined) {
    const target = repository.defaultBranchRef?.target ?? null;
    return {
      config: repository.config ?? null,
      templates,
      sha: target?.oid ?? null,
      changedPaths: [],
      changedCount: 0,
      at: readAt(target, request),
      repository,
    };
  }
  const paths = (pull?.files?.nodes ?? []).flatMap((node) => (node?.path ? [node.path] : []));
  const count = pull?.changedFiles ?? paths.length;
  const sha = pull?.headRefOid ?? null;
  const last = pull?.commits?.nodes?.[0]?.commit ?? null;
  return {
    config: repository.config ?? null,
    templates,
    sha,
    changedPaths: count <= paths.length ? paths : null,
    changedCount: count,
    // Past GitHub's 250 commits the last one listed is not the head: those files are not it.
    at: last !== null && sha !== null && last.oid === sha ? readAt(last, request) : null,
    repository,
  };
}

function readAt(
  commit: CommitNode | null,
  request: Pick<CommentQuery, "at">,
): CommentContextData["at"] {
  if (!commit || !request.at) return null;
  const folders = new Map<string, FolderEntries>();
  request.at.folders.forEach((path, i) => {
    folders.set(path, (commit[`f${i}`] as FileNode | null | undefined)?.object?.entries ?? null);
  });
  const roots = new Map<string, Map<string, FolderEntries>>();
  request.at.roots.forEach((root, i) => {
    const plans = new Map<string, FolderEntries>();
    const entries = (commit[`r${i}`] as FileNode | null | undefined)?.object?.entries ?? [];
    for (const entry of entries) {
      if (entry.type === "tree") plans.set(`${root}/${entry.name}`, entry.object?.entries ?? []);
    }
    roots.set(root, plans);
  });
  return { folders, roots };
}
