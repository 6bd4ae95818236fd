/**
 * A pull request's changed files as part of the event's one GraphQL query, so a pull request is
 * read once: its files, the config and this app's check run come back together. GraphQL's changed
 * file has a path and a change type but no previous path, and lists at most one page of 100 files
 * here; a pull request with a rename (whose old folder lost a file) or with more files is listed
 * over REST instead (`pullRequestChangedPaths`). Pure: the part in, the paths (or "ask REST") out.
 */
import type { QueryPart } from "./graphql-query.js";

/** Files read with the pull request: one page, GitHub's largest. */
export const PULL_FILES_FIRST = 100;

interface PullNode {
  files?: {
    nodes?: ({ path?: string; changeType?: string } | null)[] | null;
    pageInfo?: { hasNextPage?: boolean } | null;
  } | null;
}

/** The query part reading pull request `number`'s changed files (variable `$pull`). */
export function pullFilesPart(number: number): QueryPart {
  return {
    declarations: ["$pull: Int!"],
    variables: { pull: number },
    fields: [
      `pullRequest(number: $pull) { files(first: ${PULL_FILES_FIRST}) { nodes { path changeType } pageInfo { hasNextPage } } }`,
    ],
  };
}

/**
 * The changed paths in the answer to {@link pullFilesPart}; null when the answer cannot tell them
 * all (a rename, more than one page, no pull request readable): the caller lists them over REST.
 */
export function readPullFiles(repository: Record<string, unknown>): string[] | null {
  const files = (repository.pullRequest as PullNode | null | undefined)?.files;
  if (!files?.nodes || files.pageInfo?.hasNextPage !== false) return null;
  const paths: string[] = [];
  for (const node of files.nodes) {
    // A renamed file's old path is not in GraphQL, and its old plan folder may have lost a file.
    if (!node?.path || node.changeType === "RENAMED") return null;
    paths.push(node.path);
  }
  return paths;
}
