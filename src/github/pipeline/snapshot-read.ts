/**
 * One GraphQL read of a commit outside the push and pull request pipeline (a button click): the
 * config, plan folders at the SHA and whatever the features add (their query parts), with the
 * folders landing in a `CommitReader` so its `complete` reads only what is still missing.
 */
import type { ProbotOctokit } from "probot";
import type { BlobNode, EntryNode } from "./commit-files.js";
import type { CommitReader, RepoRef } from "./commit-reader.js";
import { buildSnapshotQuery, type QueryPart } from "./graphql-query.js";

/** What the one read asks for. */
export interface SnapshotRead {
  repo: RepoRef;
  sha: string;
  /** `<default branch>:.github/parallel-plans.yml`. */
  configExpression: string;
  /** Plan folders read at the SHA (none: only the config and the parts). */
  folders: readonly string[];
  /** Levels listed below each folder (`listingDepth` of the options assumed). */
  depth: number;
  parts: readonly QueryPart[];
}

/** What came back besides the folders (which are in the reader). */
export interface SnapshotAnswer {
  config: BlobNode | null;
  /** The whole answer, for the fields the parts asked for. */
  repository: Record<string, unknown>;
}

/** Read the config, the folders and the parts in one query; the folders go into `reader`. */
export async function readSnapshot(
  octokit: ProbotOctokit,
  reader: CommitReader,
  request: SnapshotRead,
): Promise<SnapshotAnswer> {
  const built = buildSnapshotQuery({
    ...request.repo,
    sha: request.sha,
    configExpression: request.configExpression,
    folders: request.folders,
    depth: request.depth,
    parts: request.parts,
  });
  const response = await octokit.graphql<{ repository: Record<string, unknown> | null }>(
    built.query,
    built.variables,
  );
  const repository = response.repository;
  if (!repository) throw new Error("the repository is not readable with this installation");
  for (const [alias, folder] of built.folderAliases) {
    const tree = repository[alias] as { entries?: EntryNode[] | null } | null | undefined;
    reader.files.addFolder(folder, tree?.entries ?? null, request.depth);
  }
  return { config: (repository.config as BlobNode | null | undefined) ?? null, repository };
}
