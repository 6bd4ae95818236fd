/**
 * The first read for a comment, one GraphQL query: the config and (for prompt commands) the
 * template overrides from the default branch, and the commit to read plans at — the pull
 * request's head with its changed files, or the default branch's head in an issue. Pure: what to
 * read in, query text and variables out; every path and ref travels as a variable.
 */
import { CONFIG_PATH } from "../pipeline/touched-plans.js";
import type { BlobNode } from "../pipeline/commit-files.js";
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
}

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
  if (request.pull !== null) {
    declarations.push("$number: Int!");
    variables.number = request.pull;
    fields.push(
      `pullRequest(number: $number) { headRefOid changedFiles files(first: ${PULL_FILES_FIRST}) { nodes { path } } }`,
    );
  } else {
    fields.push("defaultBranchRef { target { oid } }");
  }
  const query = [
    `query ParallelPlansComment(${declarations.join(", ")}) {`,
    "  repository(owner: $owner, name: $name) {",
    ...fields.map((field) => `    ${field}`),
    "  }",
    "}",
    "fragment BlobText on Blob { oid byteSize isBinary isTruncated text }",
  ].join("\n");
  return { query, variables };
}

interface Repository {
  config?: BlobNode | null;
  templates?: {
    entries?: { name?: string; type?: string; object?: BlobNode | null }[] | null;
  } | null;
  pullRequest?: {
    headRefOid?: string;
    changedFiles?: number;
    files?: { nodes?: ({ path?: string } | null)[] | null } | null;
  } | null;
  defaultBranchRef?: { target?: { oid?: string } | null } | null;
}

/** What the answer says, tolerant of missing parts (a deleted branch, no templates folder). */
export function readCommentContext(repository: Repository): CommentContextData {
  const templates = new Map<string, BlobNode>();
  for (const entry of repository.templates?.entries ?? []) {
    if (entry.type === "blob" && entry.name && entry.object)
      templates.set(entry.name, entry.object);
  }
  const pull = repository.pullRequest;
  if (pull === undefined) {
    return {
      config: repository.config ?? null,
      templates,
      sha: repository.defaultBranchRef?.target?.oid ?? null,
      changedPaths: [],
      changedCount: 0,
    };
  }
  const paths = (pull?.files?.nodes ?? []).flatMap((node) => (node?.path ? [node.path] : []));
  const count = pull?.changedFiles ?? paths.length;
  return {
    config: repository.config ?? null,
    templates,
    sha: pull?.headRefOid ?? null,
    changedPaths: count <= paths.length ? paths : null,
    changedCount: count,
  };
}
