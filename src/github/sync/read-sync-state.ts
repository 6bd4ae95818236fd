/**
 * The sync state of a repository in one GraphQL query (`sync-state-query.ts` builds it and reads
 * the answer); a failure comes back as one sentence naming the repository.
 */
import type { ProbotOctokit } from "probot";
import { describeFailure } from "../pipeline/failure.js";
import {
  buildSyncStateQuery,
  readSyncState,
  type SyncState,
  type SyncStateRequest,
} from "./sync-state-query.js";

/** The sync state, in one GraphQL query. */
export async function readState(
  octokit: ProbotOctokit,
  request: SyncStateRequest,
): Promise<SyncState> {
  const { query, variables } = buildSyncStateQuery(request);
  try {
    const response = await octokit.graphql<{ repository: Record<string, unknown> | null }>(
      query,
      variables,
    );
    if (!response.repository)
      throw new Error("the repository is not readable with this installation");
    return readSyncState(response.repository, request);
  } catch (error) {
    throw new Error(
      `reading the sync state of ${request.owner}/${request.name} failed: ${describeFailure(error)}`,
      { cause: error },
    );
  }
}
