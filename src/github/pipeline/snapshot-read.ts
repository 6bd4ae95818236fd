/**
 * One GraphQL read of a commit outside the push and pull request pipeline (a button click): the
 * config, plan folders at the SHA and whatever the features add (their query parts), with the
 * folders landing in a `CommitReader` so its `complete` reads only what is still missing.
 */
import type { BlobNode } from "./commit-files.js";
import type { CommitReader } from "./commit-reader.js";
import type { QueryPart } from "./graphql-query.js";

/** What the one read asks for (the commit is the reader's). */
export interface SnapshotRead {
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
  reader: CommitReader,
  request: SnapshotRead,
): Promise<SnapshotAnswer> {
  const { depth, ...query } = request;
  const repository = await reader.read(query, depth);
  return { config: repository.config ?? null, repository };
}
